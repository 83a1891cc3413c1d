package io.skyscope.client.video;

import dev.onvoid.webrtc.media.video.VideoFrame;

/**
 * What arrives of one person's picture (camera or screen), for scripts and tests: how many
 * frames, and the first and newest stamps of their {@link TestPattern} read since {@link #reset}.
 * Register it with {@code VoiceEngine.addVideoSink}. Frames come on a WebRTC decoding thread; the
 * other methods may be called from any thread.
 */
public final class PatternWatch implements VideoFrameSink {
    private final VideoKind kind;
    private volatile long frames;
    private volatile TestPattern.Stamp first;
    private volatile TestPattern.Stamp newest;

    public PatternWatch(VideoKind kind) {
        this.kind = kind;
    }

    @Override
    public void onFrame(VideoFrame frame) {
        frames++;
        TestPattern.Stamp stamp = TestPattern.decode(frame);
        if (stamp != null && stamp.kind() == kind) {
            if (first == null) {
                first = stamp;
            }
            newest = stamp;
        }
    }

    /** Forgets the stamps read so far. */
    public void reset() {
        first = null;
        newest = null;
    }

    /** Frames received in all, readable as the pattern or not. */
    public long frames() {
        return frames;
    }

    /** The newest stamp read since the reset, or null. */
    public TestPattern.Stamp newest() {
        return newest;
    }

    /**
     * Fresh frames since the reset: the counter went up by at least {@code advance} and the newest
     * was drawn less than {@code maxAgeMillis} ago (both ends' clocks agreeing to well within that).
     */
    public boolean fresh(int advance, long maxAgeMillis) {
        TestPattern.Stamp a = first;
        TestPattern.Stamp b = newest;
        return a != null && b != null && b.counter() - a.counter() >= advance
                && System.currentTimeMillis() - b.wallMillis() < maxAgeMillis;
    }
}
