package io.skyscope.client.voice;

import java.util.function.Consumer;

/**
 * Watches a speaker for gaps in a steady tone (tests and benchmarks): fed every stereo frame the
 * {@link Recorder} plays, it finds the longest run of 10 ms frames whose amplitude at the tone's
 * frequency, on the louder side, is below a threshold. Frames arrive on the render thread; the
 * other methods may be called from any thread.
 */
public final class ToneGapWatch implements Consumer<short[]> {
    private final double frequency;
    private final double threshold;
    private boolean watching;
    private long run;
    private long longest;

    public ToneGapWatch(double frequency, double threshold) {
        this.frequency = frequency;
        this.threshold = threshold;
    }

    /** The mean amplitude of {@code frequency} on the louder side, over the 10 ms frames of an interleaved stereo stretch. */
    public static double amplitude(short[] stereo, double frequency) {
        int frames = stereo.length / (2 * Pcm.FRAME);
        double sum = 0;
        for (int f = 0; f < frames; f++) {
            sum += louder(stereo, f * 2 * Pcm.FRAME, frequency);
        }
        return frames == 0 ? 0 : sum / frames;
    }

    private static double louder(short[] stereo, int offset, double frequency) {
        return Math.max(Goertzel.amplitude(stereo, offset, Pcm.FRAME, 2, frequency, Pcm.SAMPLE_RATE),
                Goertzel.amplitude(stereo, offset + 1, Pcm.FRAME, 2, frequency, Pcm.SAMPLE_RATE));
    }

    public synchronized void start() {
        watching = true;
        run = 0;
        longest = 0;
    }

    /** Stops and returns the longest gap since {@link #start}, in milliseconds. */
    public synchronized long stop() {
        watching = false;
        return longest * Pcm.FRAME_MILLIS;
    }

    @Override
    public synchronized void accept(short[] stereo) {
        if (!watching) {
            return;
        }
        if (louder(stereo, 0, frequency) < threshold) {
            run++;
            longest = Math.max(longest, run);
        } else {
            run = 0;
        }
    }
}
