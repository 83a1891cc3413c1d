package io.skyscope.client.voice;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.skyscope.client.video.ScreenSource;
import io.skyscope.client.video.VideoCaptureException;
import io.skyscope.client.video.VideoKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My camera or my screen share: one capture shared by every link. It owns one track for the
 * whole engine's life (every link's sender of that kind carries it or nothing), fed by a
 * {@link ScreenSource} pulled on a capture thread, or by a real camera bridged into it.
 *
 * <p>The track and its source are created and released by the engine's {@link NativeStack}; this
 * class owns what a capture adds (the thread, a camera's device source and its track) and
 * releases it on {@link #stop}, in reverse. Threads: {@link #start}, {@link #startCamera} and
 * {@link #stop} on the control thread; the capture thread {@code video-camera} or
 * {@code video-screen} pushes frames (and runs the self-view's sinks); a real camera pushes on
 * WebRTC's capture thread; the self-view is tapped and untapped on the thread that adds or
 * removes its sinks. A capture
 * that fails calls {@code failed} with a message for the user, on the capture thread.
 */
final class LocalVideo {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVideo.class);
    /** A real camera is asked for this much; the engine scales it down per link. */
    private static final VideoCaptureCapability CAMERA_CAPABILITY = new VideoCaptureCapability(640, 360, 15);

    final VideoKind kind;
    final VideoTrack track;
    private final CustomVideoSource source;
    private final VideoSinks sinks;
    private final Consumer<String> failed;
    private final VideoTrackSink selfView;
    /** Whether the self-view taps the track; guarded by this. */
    private boolean tapped;
    private volatile boolean pumping;
    private Thread pump;
    private ScreenSource current;
    private VideoDeviceSource device;
    private VideoTrack deviceTrack;
    private VideoTrackSink bridge;

    LocalVideo(VideoKind kind, PeerConnectionFactory factory, NativeStack natives, VideoSinks sinks,
               Consumer<String> failed) {
        this.kind = kind;
        this.sinks = sinks;
        this.failed = failed;
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.source = new CustomVideoSource();
        natives.push(name + " source", source::dispose);
        this.track = factory.createVideoTrack(name, source);
        natives.push(name + " track", track::dispose);
        // The self-view: WebRTC hands the sink a copy of each frame, which is ours to release.
        this.selfView = frame -> {
            try {
                sinks.deliver(null, kind, frame);
            } finally {
                frame.release();
            }
        };
        natives.push(name + " self-view", () -> selfView(false));
        sinks.onSelfViews(kind, (k, wanted) -> selfView(wanted));
    }

    /** Taps my track for the self-view while a UI shows it. Any thread. */
    private synchronized void selfView(boolean wanted) {
        if (wanted && !tapped) {
            track.addSink(selfView);
        } else if (!wanted && tapped) {
            track.removeSink(selfView);
        }
        tapped = wanted;
    }

    /** Whether a capture runs. */
    boolean on() {
        return pump != null || device != null;
    }

    /** Starts pulling pictures from {@code from} (any capture running stops first). */
    void start(ScreenSource from) {
        stop();
        current = from;
        pumping = true;
        pump = Thread.ofPlatform().name("video-" + kind.name().toLowerCase(java.util.Locale.ROOT)).daemon()
                .start(() -> pump(from));
    }

    /**
     * Opens a real camera and bridges its frames into this capture's track (any capture running
     * stops first). Not exercised by this project's tests: no machine here has a camera.
     *
     * @throws VideoCaptureException if the camera cannot be opened
     */
    void startCamera(PeerConnectionFactory factory, dev.onvoid.webrtc.media.video.VideoDevice camera) {
        stop();
        var opened = new VideoDeviceSource();
        VideoTrack cameraTrack = null;
        try {
            opened.setVideoCaptureDevice(camera);
            opened.setVideoCaptureCapability(CAMERA_CAPABILITY);
            cameraTrack = factory.createVideoTrack("camera-device", opened);
            VideoTrackSink forward = frame -> {
                try {
                    source.pushFrame(frame);
                } finally {
                    frame.release();
                }
            };
            cameraTrack.addSink(forward);
            opened.start();
            device = opened;
            deviceTrack = cameraTrack;
            bridge = forward;
        } catch (RuntimeException e) {
            if (cameraTrack != null) {
                cameraTrack.dispose();
            }
            opened.dispose();
            throw new VideoCaptureException("cannot open the camera " + camera.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the capture and releases what it opened; the track stays, carrying nothing new. */
    void stop() {
        pumping = false;
        if (pump != null) {
            LockSupport.unpark(pump);
            try {
                pump.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pump = null;
        }
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed: {}", current.name(), e.toString());
            }
            current = null;
        }
        if (device != null) {
            try {
                device.stop();
                deviceTrack.removeSink(bridge);
                deviceTrack.dispose();
                device.dispose();
            } catch (RuntimeException e) {
                LOG.warn("closing the camera failed: {}", e.toString());
            }
            device = null;
            deviceTrack = null;
            bridge = null;
        }
    }

    /** The capture thread: one picture every 1/fps seconds until stopped or the source fails. */
    private void pump(ScreenSource from) {
        long period = TimeUnit.SECONDS.toNanos(1) / Math.max(1, from.framesPerSecond());
        long next = System.nanoTime();
        while (pumping) {
            NativeI420Buffer buffer;
            try {
                buffer = from.capture();
            } catch (RuntimeException e) {
                pumping = false;
                LOG.warn("{} capture from {} failed: {}", kind, from.name(), e.toString());
                failed.accept(e.getMessage() == null ? from.name() + " stopped" : e.getMessage());
                return;
            }
            VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
            try {
                source.pushFrame(frame);
            } finally {
                frame.release();
            }
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }
}
