package io.skyscope.client.voice;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.MediaDevices;
import io.skyscope.client.video.ScreenSource;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoCaptureException;
import io.skyscope.client.video.VideoDevice;
import io.skyscope.client.video.VideoKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice engine's video: my camera and my screen share (one capture each, shared by every
 * link), which link carries which (my camera only where the server's {@code voice.video} says
 * {@code send}, my screen on every two-way link), my camera's quality by how many links carry it,
 * and the watch that tells the UI when a peer's picture starts, stops or stalls.
 *
 * <p>Threads: everything runs on the engine's control thread except {@link #cameras} (any thread)
 * and the capture failures, which come from a capture thread and are handed to the control thread.
 */
final class VideoControl {
    private static final Logger LOG = LoggerFactory.getLogger(VideoControl.class);
    /** Listing cameras is a native call into the OS; never let it hold the caller long. */
    private static final long LIST_CAMERAS_TIMEOUT_MS = 3_000;

    /** What the video tells its engine, on the control thread. */
    interface Events {
        /** My camera or screen flag changed: tell the server. */
        void flagsChanged();

        void linkChanged(PeerLink link);

        void videoChanged(String peerId, VideoKind kind, boolean flowing);

        void problem(String message);
    }

    final VideoSinks sinks;
    final LocalVideo camera;
    final LocalVideo screen;
    private final PeerConnectionFactory factory;
    private final Supplier<Collection<PeerLink>> links;
    private final Consumer<Runnable> onControl;
    private final Events events;
    private final Map<String, dev.onvoid.webrtc.media.video.VideoDevice> realCameras = new ConcurrentHashMap<>();
    private volatile boolean cameraOn;
    private volatile VideoDevice cameraDevice;
    private volatile boolean sharing;
    private volatile String sharingName;

    VideoControl(PeerConnectionFactory factory, NativeStack natives, VideoSinks sinks,
                 Supplier<Collection<PeerLink>> links, Consumer<Runnable> onControl, Events events) {
        this.factory = factory;
        this.sinks = sinks;
        this.links = links;
        this.onControl = onControl;
        this.events = events;
        this.camera = new LocalVideo(VideoKind.CAMERA, factory, natives, sinks,
                message -> onControl.accept(() -> captureFailed(VideoKind.CAMERA, message)));
        this.screen = new LocalVideo(VideoKind.SCREEN, factory, natives, sinks,
                message -> onControl.accept(() -> captureFailed(VideoKind.SCREEN, message)));
    }

    boolean cameraOn() {
        return cameraOn;
    }

    VideoDevice cameraDevice() {
        return cameraDevice;
    }

    boolean sharing() {
        return sharing;
    }

    String sharingName() {
        return sharingName;
    }

    /**
     * The test pattern, then the cameras webrtc-java finds (none where no camera is plugged in;
     * a listing that takes over three seconds is given up, with the test pattern alone).
     */
    List<VideoDevice> cameras() {
        List<VideoDevice> all = new ArrayList<>();
        all.add(VideoDevice.testPattern());
        var listing = CompletableFuture.supplyAsync(MediaDevices::getVideoCaptureDevices,
                r -> Thread.ofPlatform().name("video-devices").daemon().start(r));
        try {
            for (var device : listing.get(LIST_CAMERAS_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                realCameras.put(device.getDescriptor(), device);
                all.add(new VideoDevice(device.getDescriptor(), device.getName()));
            }
        } catch (Exception e) {
            LOG.warn("cannot list the cameras: {}", e.toString());
        }
        return all;
    }

    /** Turns my camera on (the chosen device, else the first real camera) or off. */
    void setCamera(boolean on) {
        if (on == cameraOn) {
            return;
        }
        if (!on) {
            camera.stop();
            cameraOn = false;
        } else {
            VideoDevice device = cameraDevice;
            if (device == null) {
                List<VideoDevice> found = cameras();
                if (found.size() < 2) {
                    events.problem("no camera found (choose the test pattern to send a synthetic picture)");
                    return;
                }
                device = found.get(1);
                cameraDevice = device;
            }
            if (!open(device)) {
                return;
            }
            cameraOn = true;
        }
        events.flagsChanged();
        refresh();
    }

    /** Chooses the camera; if it is on, switches to it (back to none, with a notice, if it cannot open). */
    void useCamera(VideoDevice device) {
        cameraDevice = device;
        if (cameraOn && !open(device)) {
            cameraOn = false;
            events.flagsChanged();
            refresh();
        }
    }

    /** Starts sharing {@code source} on every two-way link (a share already running stops first). */
    void share(ScreenSource source) {
        screen.start(source);
        sharingName = source.name();
        if (!sharing) {
            sharing = true;
            events.flagsChanged();
        }
        refresh();
    }

    void stopSharing() {
        screen.stop();
        sharingName = null;
        if (sharing) {
            sharing = false;
            events.flagsChanged();
            refresh();
        }
    }

    /** Stops both captures; the engine closes. */
    void close() {
        camera.stop();
        screen.stop();
    }

    /** Puts my tracks on every link as allowed now and sets my camera's quality. */
    void refresh() {
        for (PeerLink link : links.get()) {
            carry(link);
        }
        int carrying = 0;
        for (PeerLink link : links.get()) {
            if (link.video.carrying(VideoKind.CAMERA)) {
                carrying++;
            }
        }
        VideoQuality quality = VideoQuality.forLinks(carrying);
        for (PeerLink link : links.get()) {
            link.video.applyQuality(quality);
        }
        watch();
    }

    /** The server's {@code voice.video} about one link. */
    void permission(PeerLink link, boolean send, boolean receive) {
        link.video.permission(send, receive);
        refresh();
    }

    /** A peer's camera and screen flags. */
    void peerFlags(PeerLink link, boolean cameraFlag, boolean screenFlag) {
        link.video.peerFlags(cameraFlag, screenFlag);
        watch();
    }

    /**
     * Tells the UI what changed in each link's video since last time: a picture that started or
     * stopped arriving, a stall, a flag. Runs after each change and every half second.
     */
    void watch() {
        long now = System.nanoTime();
        for (PeerLink link : links.get()) {
            LinkVideo video = link.video;
            for (VideoKind kind : VideoKind.values()) {
                boolean flowing = video.flowing(kind, now);
                if (flowing != video.announcedFlowing[kind.ordinal()]) {
                    video.announcedFlowing[kind.ordinal()] = flowing;
                    events.videoChanged(link.peerId, kind, flowing);
                }
            }
            LinkState.Video state = video.snapshot();
            if (!state.equals(video.announced)) {
                video.announced = state;
                events.linkChanged(link);
            }
        }
    }

    private void carry(PeerLink link) {
        if (!link.twoWay()) {
            return;
        }
        // A warm link (no call yet) carries nothing of mine: its tracks come off until it is live.
        boolean live = link.live();
        String problem = link.video.update(live && cameraOn && link.video.send ? camera.track : null,
                live && sharing ? screen.track : null);
        if (problem != null) {
            events.problem(problem + " (the call goes on with voice)");
        }
    }

    private boolean open(VideoDevice device) {
        try {
            if (device.isTestPattern()) {
                camera.start(TestPattern.camera());
            } else {
                var real = realCameras.get(device.id());
                if (real == null) {
                    cameras();
                    real = realCameras.get(device.id());
                }
                if (real == null) {
                    throw new VideoCaptureException("the camera " + device.name() + " is not connected");
                }
                camera.startCamera(factory, real);
            }
            return true;
        } catch (VideoCaptureException e) {
            LOG.warn("camera {}: {}", device.name(), e.getMessage());
            events.problem(e.getMessage() + " (the call goes on with voice)");
            return false;
        }
    }

    private void captureFailed(VideoKind kind, String message) {
        if (kind == VideoKind.CAMERA && cameraOn) {
            camera.stop();
            cameraOn = false;
            events.flagsChanged();
            refresh();
            events.problem("my camera stopped: " + message);
        } else if (kind == VideoKind.SCREEN && sharing) {
            stopSharing();
            events.problem("my screen share stopped: " + message);
        }
    }
}
