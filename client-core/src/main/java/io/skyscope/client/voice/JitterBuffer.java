package io.skyscope.client.voice;

/**
 * Carries one peer's decoded voice from WebRTC's playout thread, which delivers 10 ms frames at
 * its own pace, to the render thread, which takes them at the speaker's pace. The two clocks
 * drift (the headless module of webrtc-java 0.14.0 plays out at about 99.4 frames a second), so
 * reading resamples by a ratio within ±1 % that holds the buffer near {@link #TARGET}: a voice
 * shifts in pitch by the drift (0.6 % there, a tenth of a semitone) instead of clicking at every
 * underrun.
 *
 * <p>{@link #write} is called by the playout thread, {@link #read} by the render thread.
 */
final class JitterBuffer {
    /**
     * Samples held back before playing starts, and the fill the drift control aims at: 30 ms.
     * Frames arrive whole, so the fill swings by one frame around its mean; at a 0.6 % drift the
     * mean settles about 6 ms below the target, which still leaves a frame to spare.
     */
    static final int TARGET = 3 * Pcm.FRAME;
    /** Beyond this (a stall, then a burst) the oldest audio is dropped down to the target: 100 ms. */
    static final int MAX_FILL = 10 * Pcm.FRAME;

    private final short[] ring = new short[Pcm.SAMPLE_RATE];
    private int head;
    private int count;
    private double position;
    private double smoothedFill = TARGET;
    private boolean playing;
    private long underruns;

    synchronized void write(short[] mono, int length) {
        for (int i = 0; i < length; i++) {
            if (count == ring.length) {
                head = (head + 1) % ring.length;
                count--;
            }
            ring[(head + count) % ring.length] = mono[i];
            count++;
        }
    }

    /**
     * Fills {@code out} with the next frame; silence (and false) while not enough has arrived.
     * A voice that stops (an underrun) waits for the target fill again before it resumes.
     */
    synchronized boolean read(short[] out) {
        if (!playing) {
            if (count < TARGET) {
                java.util.Arrays.fill(out, (short) 0);
                return false;
            }
            playing = true;
            int drop = count - TARGET;
            head = (head + drop) % ring.length;
            count = TARGET;
            smoothedFill = TARGET;
            position = 0;
        }
        if (count > MAX_FILL) {
            int drop = count - TARGET;
            head = (head + drop) % ring.length;
            count -= drop;
            smoothedFill = TARGET;
        }
        smoothedFill += 0.02 * (count - smoothedFill);
        double ratio = Math.max(0.99, Math.min(1.01, 1 + 0.03 * (smoothedFill - TARGET) / TARGET));
        for (int i = 0; i < out.length; i++) {
            int k = (int) position;
            if (k + 1 >= count) {
                java.util.Arrays.fill(out, i, out.length, (short) 0);
                playing = false;
                underruns++;
                break;
            }
            short a = ring[(head + k) % ring.length];
            short b = ring[(head + k + 1) % ring.length];
            out[i] = Pcm.clip(a + (b - a) * (position - k));
            position += ratio;
        }
        int consumed = Math.min((int) position, count);
        head = (head + consumed) % ring.length;
        count -= consumed;
        position -= consumed;
        return true;
    }

    synchronized int buffered() {
        return count;
    }

    synchronized long underruns() {
        return underruns;
    }
}
