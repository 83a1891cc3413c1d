package io.skyscope.client.voice;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.skyscope.client.video.VideoKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two video sections of one two-way link (camera, then screen, after the voice): my tracks on
 * their senders where allowed, their pictures from the receivers to the UI's sinks, and what the
 * peer and the server said about video on this link.
 *
 * <p>Threads: everything but the feeds runs on the engine's control thread; each feed's
 * {@code onVideoFrame} runs on a WebRTC decoding thread; the flags are read by any thread.
 */
final class LinkVideo {
    private static final Logger LOG = LoggerFactory.getLogger(LinkVideo.class);
    /** No frame for this long while the picture should come: stalled. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final VideoKind[] KINDS = VideoKind.values();
    /** The largest picture shown: a 4K screen (3840 x 2160) and a little more. */
    static final long MAX_PIXELS = 4096L * 2304;
    /** The video codecs links negotiate, by name (see {@link #preferredCodecs}). */
    private static final Set<String> PREFERRED_CODECS = Set.of("VP8", "RTX");

    /** A peer's picture of one kind: counts frames and hands them to the UI's sinks. */
    private final class Feed implements VideoTrackSink {
        final VideoKind kind;
        final VideoTrack track;
        volatile long lastFrameNanos;
        volatile long frames;

        Feed(VideoKind kind, VideoTrack track) {
            this.kind = kind;
            this.track = track;
        }

        @Override
        public void onVideoFrame(VideoFrame frame) {
            // WebRTC hands each sink its own copy of the frame, which is ours to release.
            try {
                if (!accepted(kind, frame)) {
                    return;
                }
                lastFrameNanos = System.nanoTime();
                frames++;
                sinks.deliver(peerId, kind, frame);
            } finally {
                frame.release();
            }
        }

        boolean flowing(long now) {
            return frames > 0 && now - lastFrameNanos < STALL_NANOS;
        }
    }

    /**
     * Whether a decoded frame of the peer's is shown. The media is peer to peer, so a modified
     * client could send its camera where the server did not let it through, or a picture of any
     * size: a camera comes through only while the server's {@code voice.video} lets it reach me,
     * and nothing larger than {@link #MAX_PIXELS} is handed on (a sink converts each frame into a
     * buffer of four bytes a pixel). Either is said once in the log, not once a frame.
     */
    boolean accepted(VideoKind kind, VideoFrame frame) {
        if (kind == VideoKind.CAMERA && !receive) {
            return false;
        }
        long pixels = (long) frame.buffer.getWidth() * frame.buffer.getHeight();
        if (pixels > MAX_PIXELS) {
            if (!oversized[kind.ordinal()]) {
                oversized[kind.ordinal()] = true;
                LOG.warn("{}'s {} comes at {}x{}, above the {} pixels shown; dropped", peerId,
                        kind.name().toLowerCase(java.util.Locale.ROOT), frame.buffer.getWidth(),
                        frame.buffer.getHeight(), MAX_PIXELS);
            }
            return false;
        }
        return true;
    }

    private final String peerId;
    private final VideoSinks sinks;
    private final RTCRtpSender[] senders = new RTCRtpSender[KINDS.length];
    private final Feed[] feeds = new Feed[KINDS.length];
    private final boolean[] carrying = new boolean[KINDS.length];
    /** A sender that refused a track once is left alone: that kind stays off this link. */
    private final boolean[] refused = new boolean[KINDS.length];
    /** A picture of this kind came too large and was dropped (said once). */
    private final boolean[] oversized = new boolean[KINDS.length];
    /** When the peer's flag for each kind last turned on (System.nanoTime), for the stall grace. */
    private final long[] onSince = new long[KINDS.length];
    /** The native references the wrappers from addTransceiver hold. */
    private final List<Long> owned = new ArrayList<>();
    private VideoQuality quality;
    volatile boolean peerCamera;
    volatile boolean peerScreen;
    volatile boolean send;
    volatile boolean receive;
    volatile String problem;
    /** Control thread: what the engine last announced about each feed, and the whole video state. */
    final boolean[] announcedFlowing = new boolean[KINDS.length];
    LinkState.Video announced = LinkState.Video.NONE;

    LinkVideo(String peerId, VideoSinks sinks) {
        this.peerId = peerId;
        this.sinks = sinks;
    }

    /**
     * The offerer's two video sections, added after the voice: each starts with my track of that
     * kind (WebRTC will not add a section without one) and drops it at once; {@link #update} puts
     * it back where allowed.
     */
    void offer(RTCPeerConnection pc, VideoTrack camera, VideoTrack screen, List<RTCRtpCodecCapability> codecs) {
        for (VideoKind kind : KINDS) {
            var init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.SEND_RECV;
            init.streamIds = List.of(kind == VideoKind.CAMERA ? "camera" : "screen");
            RTCRtpTransceiver transceiver = pc.addTransceiver(kind == VideoKind.CAMERA ? camera : screen, init);
            owned.add(NativeReferences.handle(transceiver));
            prefer(transceiver, codecs, peerId);
            adopt(kind, transceiver);
            senders[kind.ordinal()].replaceTrack(null);
        }
    }

    /**
     * The answerer's side, once the offer is applied: WebRTC made a receive-only transceiver for
     * each video section of the offer; they become two-way before the answer. An offer without
     * them (audio only) leaves this link without video. The answer names only {@code codecs}
     * (those the offer has too).
     */
    void answer(RTCPeerConnection pc, List<RTCRtpCodecCapability> codecs) {
        // These wrappers hold no reference of their own (releasing them crashes the process).
        RTCRtpTransceiver[] all = pc.getTransceivers();
        if (all.length < 1 + KINDS.length) {
            problem = "their client offered no video";
            return;
        }
        for (VideoKind kind : KINDS) {
            RTCRtpTransceiver transceiver = all[1 + kind.ordinal()];
            if (!(transceiver.getReceiver().getTrack() instanceof VideoTrack)) {
                problem = "their client offered no video";
                return;
            }
        }
        for (VideoKind kind : KINDS) {
            RTCRtpTransceiver transceiver = all[1 + kind.ordinal()];
            transceiver.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
            prefer(transceiver, codecs, peerId);
            adopt(kind, transceiver);
        }
    }

    /**
     * The video codecs a link offers and answers with: VP8 and its retransmission (RTX) format,
     * from what this WebRTC build can receive; empty (WebRTC's whole list) if it has no VP8.
     *
     * <p>VP8 is what SkyScope sends (README); offering every codec WebRTC has (VP9's profiles,
     * H.264's, AV1, each with its RTX) makes each video section's description several times
     * larger. That matters beyond the bytes on the wire: webrtc-java (0.14.0 and 0.15.0) never
     * deletes the description {@code createOffer} and {@code createAnswer} hand to its observer,
     * so every description a link creates stays in native memory for good, and its size is
     * mostly these codec lists.
     */
    static List<RTCRtpCodecCapability> preferredCodecs(PeerConnectionFactory factory) {
        List<RTCRtpCodecCapability> all = factory.getRtpReceiverCapabilities(MediaType.VIDEO).getCodecs();
        List<RTCRtpCodecCapability> chosen = all.stream()
                .filter(c -> PREFERRED_CODECS.contains(c.getName().toUpperCase(Locale.ROOT)))
                .toList();
        if (chosen.stream().noneMatch(c -> c.getName().equalsIgnoreCase("VP8"))) {
            LOG.warn("this WebRTC build cannot receive VP8; links offer every video codec it has");
            return List.of();
        }
        return chosen;
    }

    /**
     * Limits the transceiver's codecs to {@code codecs} (none: WebRTC's own list); a refusal keeps
     * its list. {@code to} names the other end for the log.
     */
    static void prefer(RTCRtpTransceiver transceiver, List<RTCRtpCodecCapability> codecs, String to) {
        if (codecs.isEmpty()) {
            return;
        }
        try {
            transceiver.setCodecPreferences(codecs);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // webrtc-java throws a plain java.lang.Error when WebRTC refuses the list.
            LOG.warn("the video section to {} keeps every codec: {}", to, e.toString());
        }
    }

    private void adopt(VideoKind kind, RTCRtpTransceiver transceiver) {
        senders[kind.ordinal()] = transceiver.getSender();
        if (transceiver.getReceiver().getTrack() instanceof VideoTrack track) {
            var feed = new Feed(kind, track);
            track.addSink(feed);
            feeds[kind.ordinal()] = feed;
        }
    }

    /** Whether this link has its video sections (an answerer before the offer has none yet). */
    boolean ready() {
        return senders[0] != null;
    }

    /**
     * Puts {@code camera} and {@code screen} (null: nothing) on their senders where they differ
     * from what goes out now. A sender that refuses leaves this link without that kind for good
     * and returns the problem (else null); the voice is untouched.
     */
    String update(VideoTrack camera, VideoTrack screen) {
        if (!ready()) {
            return null;
        }
        String failed = null;
        for (VideoKind kind : KINDS) {
            VideoTrack track = kind == VideoKind.CAMERA ? camera : screen;
            int i = kind.ordinal();
            if (carrying[i] == (track != null) || refused[i]) {
                continue;
            }
            try {
                senders[i].replaceTrack(track);
                carrying[i] = track != null;
                if (kind == VideoKind.CAMERA) {
                    quality = null;
                }
            } catch (RuntimeException e) {
                refused[i] = true;
                failed = "cannot send my " + kind.name().toLowerCase(java.util.Locale.ROOT) + " to " + peerId + ": "
                        + e.getMessage();
                problem = failed;
                LOG.warn("{}", failed);
            }
        }
        return failed;
    }

    boolean carrying(VideoKind kind) {
        return carrying[kind.ordinal()];
    }

    /** Sets my camera's quality on this link if it carries my camera and the quality changed. */
    void applyQuality(VideoQuality wanted) {
        if (!carrying[VideoKind.CAMERA.ordinal()] || wanted == quality) {
            return;
        }
        try {
            wanted.applyTo(senders[VideoKind.CAMERA.ordinal()]);
            quality = wanted;
        } catch (RuntimeException e) {
            LOG.warn("cannot set the camera quality {} on the link to {}: {}", wanted, peerId, e.toString());
            quality = wanted;
        }
    }

    VideoQuality quality() {
        return quality;
    }

    /** The peer's camera and screen flags from their {@code voice.state}. */
    void peerFlags(boolean camera, boolean screen) {
        long now = System.nanoTime();
        if (camera && !peerCamera) {
            onSince[VideoKind.CAMERA.ordinal()] = now;
        }
        if (screen && !peerScreen) {
            onSince[VideoKind.SCREEN.ordinal()] = now;
        }
        peerCamera = camera;
        peerScreen = screen;
    }

    /** The server's {@code voice.video} for this link. */
    void permission(boolean send, boolean receive) {
        if (receive && !this.receive) {
            onSince[VideoKind.CAMERA.ordinal()] = System.nanoTime();
        }
        this.send = send;
        this.receive = receive;
    }

    boolean flowing(VideoKind kind, long now) {
        Feed feed = feeds[kind.ordinal()];
        return feed != null && feed.flowing(now);
    }

    /** Frames of their picture received so far. */
    long frames(VideoKind kind) {
        Feed feed = feeds[kind.ordinal()];
        return feed == null ? 0 : feed.frames;
    }

    LinkState.Video snapshot() {
        long now = System.nanoTime();
        boolean cameraFlowing = flowing(VideoKind.CAMERA, now);
        boolean screenFlowing = flowing(VideoKind.SCREEN, now);
        return new LinkState.Video(peerCamera, peerScreen, send, receive, cameraFlowing, screenFlowing,
                stalled(VideoKind.CAMERA, peerCamera && receive, cameraFlowing, now),
                stalled(VideoKind.SCREEN, peerScreen, screenFlowing, now),
                carrying[VideoKind.CAMERA.ordinal()], carrying[VideoKind.SCREEN.ordinal()], problem);
    }

    private boolean stalled(VideoKind kind, boolean expected, boolean flowing, long now) {
        return expected && !flowing && feeds[kind.ordinal()] != null
                && now - onSince[kind.ordinal()] >= STALL_NANOS;
    }

    /** Detaches the feeds and takes my tracks off the senders; before the connection closes. */
    void close(RTCPeerConnection pc) {
        for (VideoKind kind : KINDS) {
            int i = kind.ordinal();
            Feed feed = feeds[i];
            if (feed != null) {
                feed.track.removeSink(feed);
                feeds[i] = null;
            }
            RTCRtpSender sender = senders[i];
            if (sender != null) {
                try {
                    sender.replaceTrack(null);
                    pc.removeTrack(sender);
                } catch (RuntimeException e) {
                    LOG.debug("removing the {} sender of the link to {}: {}", kind, peerId, e.toString());
                }
                senders[i] = null;
                carrying[i] = false;
            }
        }
    }

    /** Drops the native references the transceiver wrappers held; after the connection closed. */
    void releaseReferences() {
        owned.forEach(handle -> NativeReferences.release(handle, "video transceiver"));
        owned.clear();
    }
}
