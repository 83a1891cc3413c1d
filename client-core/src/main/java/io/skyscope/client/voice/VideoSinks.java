package io.skyscope.client.voice;

import dev.onvoid.webrtc.media.video.VideoFrame;
import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's frame sinks by whose picture they show (a peer's id, or null for my own) and which
 * one (camera or screen). Sinks may be registered before the link or the capture exists and stay
 * until removed. My own picture is only tapped while someone shows it ({@link SelfViews}): WebRTC
 * copies every frame for each tap. Any thread; {@link #deliver} runs on the thread that has the frame.
 */
final class VideoSinks {
    /** Told when the first sink of my own picture of a kind is added and when the last one goes. */
    interface SelfViews {
        void wanted(VideoKind kind, boolean wanted);
    }

    private static final Logger LOG = LoggerFactory.getLogger(VideoSinks.class);
    private static final String SELF = "\u0000self";

    private record Key(String peerId, VideoKind kind) {
    }

    private final Map<Key, List<VideoFrameSink>> sinks = new ConcurrentHashMap<>();
    private final Map<VideoKind, SelfViews> selfViews = new ConcurrentHashMap<>();

    /** Whom to tell when my own picture of {@code kind} is wanted or not. */
    void onSelfViews(VideoKind kind, SelfViews views) {
        selfViews.put(kind, views);
    }

    synchronized void add(String peerId, VideoKind kind, VideoFrameSink sink) {
        List<VideoFrameSink> list = sinks.computeIfAbsent(key(peerId, kind), k -> new CopyOnWriteArrayList<>());
        list.add(sink);
        if (peerId == null && list.size() == 1 && selfViews.containsKey(kind)) {
            selfViews.get(kind).wanted(kind, true);
        }
    }

    synchronized void remove(String peerId, VideoKind kind, VideoFrameSink sink) {
        List<VideoFrameSink> list = sinks.get(key(peerId, kind));
        if (list == null || !list.remove(sink) || !list.isEmpty()) {
            return;
        }
        sinks.remove(key(peerId, kind));
        if (peerId == null && selfViews.containsKey(kind)) {
            selfViews.get(kind).wanted(kind, false);
        }
    }

    /** Hands a frame to every sink of that picture; a sink that throws is logged and skipped. */
    void deliver(String peerId, VideoKind kind, VideoFrame frame) {
        List<VideoFrameSink> list = sinks.get(key(peerId, kind));
        if (list == null) {
            return;
        }
        for (VideoFrameSink sink : list) {
            try {
                sink.onFrame(frame);
            } catch (RuntimeException e) {
                LOG.debug("a video sink for {} {} failed: {}", peerId == null ? "my" : peerId, kind, e.toString());
            }
        }
    }

    private static Key key(String peerId, VideoKind kind) {
        return new Key(peerId == null ? SELF : peerId, kind);
    }
}
