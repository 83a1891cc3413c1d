package io.skyscope.bench;

import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.Pcm;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What one listener of the stage benchmark hears of its speakers' tones, frame by frame as its
 * recording speaker plays them: when each tone was first audible, and, once the speakers play
 * {@link Pulses}, how long after each burst's onset its tone arrived. A tone is audible in a 10 ms
 * frame when its amplitude (either ear) is above {@link #AUDIBLE} and at least half the other
 * tone's (so that the splatter of one speaker's onset is not taken for the other); a burst has
 * arrived at the first of two audible frames in a row after at least 50 ms without it.
 *
 * <p>Threads: {@link #accept} runs on the listener's render thread; the rest on any thread.
 */
final class Ears implements Consumer<short[]> {
    /** Amplitude (of a full-scale 32767) that counts as heard, as in VoiceBenchmark. */
    static final double AUDIBLE = 300;
    private static final int QUIET_FRAMES = 5;

    private final double[] tones;
    private final AtomicLongArray firstHeard;
    private final AtomicReference<Pulses[]> pulses = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final boolean[] sounding;
    private final int[] loud;
    private final int[] quiet;
    private final long[] candidate;
    private volatile int unmatched;

    Ears(double... tones) {
        this.tones = tones.clone();
        this.firstHeard = new AtomicLongArray(tones.length);
        this.sounding = new boolean[tones.length];
        this.loud = new int[tones.length];
        this.quiet = new int[tones.length];
        this.candidate = new long[tones.length];
    }

    @Override
    public void accept(short[] stereo) {
        long now = System.nanoTime();
        double[] amplitude = new double[tones.length];
        double loudest = 0;
        for (int i = 0; i < tones.length; i++) {
            amplitude[i] = Math.max(Goertzel.amplitude(stereo, 0, Pcm.FRAME, 2, tones[i], Pcm.SAMPLE_RATE),
                    Goertzel.amplitude(stereo, 1, Pcm.FRAME, 2, tones[i], Pcm.SAMPLE_RATE));
            loudest = Math.max(loudest, amplitude[i]);
        }
        for (int i = 0; i < tones.length; i++) {
            boolean audible = amplitude[i] > AUDIBLE && amplitude[i] >= loudest / 2;
            if (audible) {
                firstHeard.compareAndSet(i, 0, now);
                quiet[i] = 0;
                if (!sounding[i] && ++loud[i] == 1) {
                    candidate[i] = now;
                } else if (!sounding[i] && loud[i] >= 2) {
                    sounding[i] = true;
                    arrived(i, candidate[i]);
                }
            } else {
                loud[i] = 0;
                if (sounding[i] && ++quiet[i] >= QUIET_FRAMES) {
                    sounding[i] = false;
                }
            }
        }
    }

    private void arrived(int speaker, long at) {
        Pulses[] p = pulses.get();
        if (p == null) {
            return;
        }
        Long onset = p[speaker].onsetBefore(at);
        if (onset != null && at - onset < p[speaker].periodNanos()) {
            latencies.add(at - onset);
        } else {
            unmatched++;
        }
    }

    /** From now on, bursts that arrive are matched to these speakers' onsets (one per tone, in order). */
    void measure(Pulses... speakers) {
        pulses.set(speakers);
    }

    /** When tone {@code i} was first audible (System.nanoTime), or 0. */
    long firstHeard(int i) {
        return firstHeard.get(i);
    }

    /** Onset-to-arrival spans measured so far, in nanoseconds. */
    long[] latencies() {
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bursts heard that matched no onset of the last period. */
    int unmatched() {
        return unmatched;
    }
}
