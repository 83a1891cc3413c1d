package io.skyscope.client.voice;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.skyscope.client.video.VideoKind;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video in a mixed meeting room, through the media server's SFU with the SkyScope server in
 * between (it holds every handle there): my camera and screen on a send-only connection
 * ({@code media.video.publish}, a video section for each that is on, camera first, made afresh
 * when that changes and closed when both are off), and the others' pictures on a receive-only one whose offers come
 * from the server ({@code media.video.offer}) with a roster of whose picture each section
 * ({@code mid}) carries. Each picture goes to the UI's sinks under that person's id and kind, as
 * a direct link's would; a section the roster does not name shows nothing.
 *
 * <p>Threads: the engine's control thread, except {@link Feed#onVideoFrame} (a WebRTC decoding
 * thread), which reads the roster through a volatile reference.
 */
final class RoomVideo {
    private static final Logger LOG = LoggerFactory.getLogger(RoomVideo.class);
    /** The reason of the entries of {@link #pictures}. */
    static final String REASON = "media-video";

    /** What the connections need from the engine. */
    record Context(PeerConnectionFactory factory, Supplier<VoiceConfig> config, ScheduledExecutorService control,
                   VoiceSignalling signalling, VideoSinks sinks, List<RTCRtpCodecCapability> codecs) {
    }

    /** Whose picture a section carries. */
    private record Picture(String userId, VideoKind kind) {
    }

    private final long room;
    private final Context context;
    private SfuConnection publisher;
    /** What the publisher's sections carry, in order (camera, screen); empty when not publishing. */
    private List<String> published = List.of();
    private SfuConnection subscriber;
    private volatile Map<String, Picture> roster = Map.of();
    /** Changed on the control thread; read by {@link #pictures} on any. */
    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    RoomVideo(long room, Context context) {
        this.room = room;
        this.context = context;
    }

    /**
     * Sends my camera and screen as they are now, one section for each that is on: publishes
     * afresh when that changes (the server replaces what I published; others' pictures of me
     * renegotiate), unpublishes when both are off. A section per picture that is on, rather than
     * both always, keeps everyone's subscription (and its descriptions) to the pictures that exist.
     */
    void publish(VideoTrack camera, VideoTrack screen, boolean cameraOn, boolean sharing) {
        List<String> wanted = new ArrayList<>(2);
        if (cameraOn) {
            wanted.add("camera");
        }
        if (sharing) {
            wanted.add("screen");
        }
        if (wanted.equals(published)) {
            return;
        }
        closePublisher();
        published = List.copyOf(wanted);
        if (wanted.isEmpty()) {
            context.signalling().video(new VoiceCommand.MediaVideoUnpublish(room, null));
            return;
        }
        publisher = new SfuConnection("the video of media room " + room, context.factory(), context.config().get(),
                context.control());
        for (String kind : wanted) {
            RTCRtpTransceiver t = publisher.addSending(kind.equals("camera") ? camera : screen, kind, context.codecs());
            if (kind.equals("camera")) {
                quality(t.getSender());
            }
        }
        List<String> kinds = published;
        publisher.offer(sdp -> context.signalling().video(new VoiceCommand.MediaVideoPublish(room, sdp, kinds, null)));
    }

    /** The SFU's answer to my offer. */
    void published(String sdp) {
        if (publisher != null) {
            publisher.answered(sdp);
        }
    }

    /** The SFU's offer of the others' pictures (the first or a renegotiation), answered at once. */
    void offer(ServerMessage.MediaVideoOffer offer) {
        if (offer.fresh()) {
            closeSubscriber(); // a new subscription on the SFU: its sections start afresh
        }
        if (subscriber == null) {
            subscriber = new SfuConnection("the pictures of media room " + room, context.factory(),
                    context.config().get(), context.control());
        }
        roster = offer.streams().stream().collect(Collectors.toUnmodifiableMap(
                ServerMessage.MediaVideoOffer.Stream::mid,
                s -> new Picture(s.userId(), "screen".equals(s.kind()) ? VideoKind.SCREEN : VideoKind.CAMERA),
                (a, b) -> a));
        subscriber.answer(offer.sdp(), this::followFeeds,
                sdp -> context.signalling().video(new VoiceCommand.MediaVideoAnswer(room, sdp, null)));
    }

    /** Both connections close: nothing of mine goes out, nothing of theirs comes in. */
    void close() {
        closePublisher();
        closeSubscriber();
    }

    private void closeSubscriber() {
        feeds.values().forEach(f -> f.track.removeSink(f));
        feeds.clear();
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        roster = Map.of();
    }

    /**
     * The pictures reaching me now, one entry per person as a receive-only link would show them
     * (a picture counts as on while its frames flow). Any thread.
     */
    List<LinkState> pictures() {
        long now = System.nanoTime();
        Map<String, boolean[]> on = new TreeMap<>();
        roster.forEach((mid, picture) -> {
            Feed feed = feeds.get(mid);
            if (feed != null && feed.flowing(now)) {
                on.computeIfAbsent(picture.userId(), u -> new boolean[2])[picture.kind().ordinal()] = true;
            }
        });
        List<LinkState> out = new ArrayList<>();
        on.forEach((userId, kinds) -> {
            boolean camera = kinds[VideoKind.CAMERA.ordinal()];
            boolean screen = kinds[VideoKind.SCREEN.ordinal()];
            var video = new LinkState.Video(camera, screen, false, true, camera, screen, false, false, false, false, null);
            out.add(new LinkState(userId, REASON, "recvonly", LinkState.State.CONNECTED, -120, false, false, 1, 0, -1,
                    video));
        });
        return out;
    }

    /** A sink on each received section not followed yet (new sections come with renegotiations). */
    private void followFeeds() {
        for (RTCRtpTransceiver t : subscriber.transceivers()) {
            String mid = t.getMid();
            if (mid != null && !feeds.containsKey(mid) && t.getReceiver().getTrack() instanceof VideoTrack track) {
                var feed = new Feed(mid, track);
                track.addSink(feed);
                feeds.put(mid, feed);
            }
        }
    }

    private void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
        published = List.of();
    }

    /** The SFU sends one copy to everyone: small enough for a room of many tiles (more than the mesh size). */
    private void quality(RTCRtpSender camera) {
        try {
            VideoQuality.LOW.applyTo(camera);
        } catch (RuntimeException e) {
            LOG.warn("cannot set the camera quality of media room {}: {}", room, e.toString());
        }
    }

    /** One received section: its frames go to the sinks of whoever the roster says it carries. */
    private final class Feed implements VideoTrackSink {
        final String mid;
        final VideoTrack track;
        private boolean oversized;
        private volatile long frames;
        private volatile long lastFrameNanos;

        Feed(String mid, VideoTrack track) {
            this.mid = mid;
            this.track = track;
        }

        @Override
        public void onVideoFrame(VideoFrame frame) {
            // WebRTC hands each sink its own copy, ours to release.
            try {
                Picture picture = roster.get(mid);
                if (picture == null) {
                    return;
                }
                long pixels = (long) frame.buffer.getWidth() * frame.buffer.getHeight();
                if (pixels > LinkVideo.MAX_PIXELS) {
                    if (!oversized) {
                        oversized = true;
                        LOG.warn("{}'s {} comes at {}x{} through media room {}; dropped", picture.userId(),
                                picture.kind().name().toLowerCase(Locale.ROOT), frame.buffer.getWidth(),
                                frame.buffer.getHeight(), room);
                    }
                    return;
                }
                lastFrameNanos = System.nanoTime();
                frames++;
                context.sinks().deliver(picture.userId(), picture.kind(), frame);
            } finally {
                frame.release();
            }
        }

        boolean flowing(long now) {
            return frames > 0 && now - lastFrameNanos < LinkVideo.STALL_NANOS;
        }
    }
}
