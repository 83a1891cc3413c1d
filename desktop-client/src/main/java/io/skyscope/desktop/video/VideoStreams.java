package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoFrameSink;
import io.skyscope.client.video.VideoFrames;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.VoiceEngine;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link VideoFeed} for the camera and the screen of each voice link, each filled by a sink
 * registered on the engine once, when the link shows, and removed when it goes. A picture turned
 * off gets a blank feed, so the next time it comes on the old last picture does not show first.
 *
 * <p>Threads: FX thread; the sinks run on WebRTC's threads and only publish into their feeds.
 */
final class VideoStreams {
    /** One stream's pictures and the sink that fills them. */
    private record Stream(VideoFeed feed, VideoFrameSink sink) {
        static Stream fresh() {
            VideoFeed feed = new VideoFeed();
            return new Stream(feed, frame -> show(feed, frame));
        }
    }

    private final VoiceEngine engine;
    private final Map<VideoTile.Key, Stream> streams = new HashMap<>();

    VideoStreams(VoiceEngine engine) {
        this.engine = engine;
    }

    /** Follows the engine's links: a stream for each section of each, none for links gone. */
    void follow(List<LinkState> links) {
        Set<VideoTile.Key> linked = new HashSet<>();
        for (LinkState l : links) {
            for (VideoKind kind : VideoKind.values()) {
                VideoTile.Key key = new VideoTile.Key(l.peerId(), kind);
                linked.add(key);
                Stream s = streams.get(key);
                if (s == null) {
                    start(key);
                } else if (!l.video().on(kind) && s.feed().frames() > 0) {
                    stop(key, s);
                    start(key);
                }
            }
        }
        streams.entrySet().removeIf(entry -> {
            if (linked.contains(entry.getKey())) {
                return false;
            }
            engine.removeVideoSink(entry.getKey().peerId(), entry.getKey().kind(), entry.getValue().sink());
            return true;
        });
    }

    /** The feed of a section of a link that {@link #follow} has seen. */
    VideoFeed feed(VideoTile.Key key) {
        return streams.get(key).feed();
    }

    void close() {
        streams.forEach(this::stop);
        streams.clear();
    }

    private void start(VideoTile.Key key) {
        Stream s = Stream.fresh();
        streams.put(key, s);
        engine.addVideoSink(key.peerId(), key.kind(), s.sink());
    }

    private void stop(VideoTile.Key key, Stream s) {
        engine.removeVideoSink(key.peerId(), key.kind(), s.sink());
    }

    /** On the thread that has the frame: its pixels into the feed. */
    static void show(VideoFeed feed, dev.onvoid.webrtc.media.video.VideoFrame frame) {
        feed.publish(frame.buffer.getWidth(), frame.buffer.getHeight(), bgra -> VideoFrames.toBgra(frame, bgra));
    }
}
