package io.skyscope.bench;

import io.skyscope.client.voice.SignalSource;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A speaker's test signal for latency through a mix: a tone for {@code onNanos} of every
 * {@code periodNanos}, starting {@code phaseNanos} into each period of a clock shared by all the
 * speakers (System.nanoTime from {@code epoch}), so that two speakers' bursts never overlap. Keeps
 * the time each burst's first frame was read by the engine's capture thread: its onset, where the
 * measured span starts. {@link #fill} runs on that capture thread; {@link #onsetBefore} on any.
 */
final class Pulses implements SignalSource {
    private final SignalSource tone;
    private final long epoch;
    private final long periodNanos;
    private final long phaseNanos;
    private final long onNanos;
    private final ConcurrentSkipListSet<Long> onsets = new ConcurrentSkipListSet<>();
    private boolean sounding;

    Pulses(double frequency, long epoch, long periodNanos, long phaseNanos, long onNanos) {
        this.tone = SignalSource.tone(frequency);
        this.epoch = epoch;
        this.periodNanos = periodNanos;
        this.phaseNanos = phaseNanos;
        this.onNanos = onNanos;
    }

    @Override
    public void fill(short[] frame) {
        long now = System.nanoTime();
        boolean on = Math.floorMod(now - epoch - phaseNanos, periodNanos) < onNanos;
        if (on && !sounding) {
            onsets.add(now);
        }
        sounding = on;
        if (on) {
            tone.fill(frame);
        } else {
            Arrays.fill(frame, (short) 0);
        }
    }

    /** The latest onset at or before {@code nanos}, or null. */
    Long onsetBefore(long nanos) {
        return onsets.floor(nanos);
    }

    long periodNanos() {
        return periodNanos;
    }

    /** Onsets from {@code from} on (System.nanoTime). */
    int onsetsSince(long from) {
        return onsets.tailSet(from).size();
    }
}
