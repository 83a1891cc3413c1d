package io.skyscope.client.voice;

import java.util.Arrays;

/**
 * Carries one peer's decoded voice from WebRTC's playout thread, which delivers 10 ms frames at
 * its own pace, to the render thread, which takes them at the speaker's pace. The two clocks
 * drift (the headless module of webrtc-java 0.14.0 plays out at about 99.4 frames a second), so
 * the buffer's fill wanders away from {@link #TARGET}. It is brought back without changing pitch:
 * when the smoothed fill leaves a band around the target, one read skips or repeats a stretch of
 * 2.5 to 12.5 ms whose length is chosen so that the audio on both sides of the seam looks alike
 * (the best cross-correlation, as WSOLA time-stretching does), joined by a 5 ms crossfade. A
 * voice's pitch is exactly the sender's; resampling by the drift ratio, which this replaces,
 * moved it by up to 1 %.
 *
 * <p>{@link #write} is called by the playout thread, {@link #read} by the render thread.
 */
final class JitterBuffer {
    /**
     * Samples held back before playing starts, and the fill the drift control aims at: 30 ms.
     * Frames arrive whole, so the fill swings by one frame around its mean.
     */
    static final int TARGET = 3 * Pcm.FRAME;
    /** Beyond this (a stall, then a burst) the oldest audio is dropped down to the target: 100 ms. */
    static final int MAX_FILL = 10 * Pcm.FRAME;
    /** How far the smoothed fill may stray from the target before a stretch is skipped or repeated. */
    static final int BAND = Pcm.SAMPLE_RATE / 200;
    /** Crossfade at a seam: 5 ms. */
    static final int FADE = Pcm.SAMPLE_RATE / 200;
    /** Shortest and longest stretch skipped or repeated at once: 2.5 and 12.5 ms (a voice's pitch period fits). */
    static final int MIN_SHIFT = Pcm.SAMPLE_RATE / 400;
    static final int MAX_SHIFT = Pcm.SAMPLE_RATE / 80;
    /** Reads between two seams at the least, so a large drift is corrected in small, separate steps. */
    static final int COOLDOWN_READS = 10;

    private final short[] ring = new short[Pcm.SAMPLE_RATE];
    /** Index of the next unread sample; the samples before it are what was played, kept for a repeat. */
    private int head;
    private int count;
    /** Played samples still in the ring behind {@link #head}, at most {@link #MAX_SHIFT} + {@link #FADE} counted. */
    private int played;
    private double smoothedFill = TARGET;
    private boolean playing;
    private int cooldown;
    private long underruns;
    private long seams;

    synchronized void write(short[] mono, int length) {
        for (int i = 0; i < length; i++) {
            if (count == ring.length) {
                head = (head + 1) % ring.length;
                count--;
                played = 0;
            }
            ring[(head + count) % ring.length] = mono[i];
            count++;
        }
        // The writer may have reached into the played samples kept behind the head.
        played = Math.min(played, ring.length - count);
    }

    /**
     * Fills {@code out} with the next frame; silence (and false) while not enough has arrived.
     * A voice that stops (an underrun) waits for the target fill again before it resumes.
     */
    synchronized boolean read(short[] out) {
        int n = out.length;
        if (!playing) {
            if (count < TARGET) {
                Arrays.fill(out, (short) 0);
                return false;
            }
            playing = true;
            skip(count - TARGET);
            played = 0;
            smoothedFill = TARGET;
            cooldown = COOLDOWN_READS;
        }
        if (count > MAX_FILL) {
            skip(count - TARGET);
            played = 0;
            smoothedFill = TARGET;
        }
        smoothedFill += 0.02 * (count - smoothedFill);
        if (cooldown > 0) {
            cooldown--;
        } else if (smoothedFill > TARGET + BAND && count >= n + MAX_SHIFT + FADE) {
            seam(out, bestShift(0, +1), +1);
            return true;
        } else if (smoothedFill < TARGET - BAND && played >= MAX_SHIFT + FADE && count >= n) {
            seam(out, bestShift(0, -1), -1);
            return true;
        }
        if (count < n) {
            copy(0, out, 0, count);
            Arrays.fill(out, count, n, (short) 0);
            skip(count);
            playing = false;
            underruns++;
            return true;
        }
        copy(0, out, 0, n);
        skip(n);
        return true;
    }

    /**
     * Plays a frame that skips ({@code direction} +1) or repeats (-1) {@code shift} samples: the
     * first {@link #FADE} samples fade from the audio at the head to the audio {@code shift} away,
     * which then plays on.
     */
    private void seam(short[] out, int shift, int direction) {
        int offset = direction * shift;
        for (int i = 0; i < FADE; i++) {
            double w = (i + 0.5) / FADE;
            out[i] = Pcm.clip((1 - w) * at(i) + w * at(offset + i));
        }
        int rest = out.length - FADE;
        copy(offset + FADE, out, FADE, rest);
        int consumed = out.length + offset;
        skip(consumed);
        if (direction < 0) {
            // What was just repeated is played again, so the history behind the head starts over.
            played = 0;
        }
        smoothedFill -= offset;
        cooldown = COOLDOWN_READS;
        seams++;
    }

    /**
     * The shift in [{@link #MIN_SHIFT}, {@link #MAX_SHIFT}] at which the {@link #FADE} samples
     * {@code shift} away (ahead for +1, behind for -1) look most like those at the head: the
     * normalised cross-correlation, so a tone's period or a voice's pitch period lines up.
     */
    private int bestShift(int from, int direction) {
        int best = MIN_SHIFT;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) {
            int offset = direction * shift;
            double dot = 0;
            double energy = 1e-9;
            for (int i = 0; i < FADE; i++) {
                double b = at(offset + from + i);
                dot += at(from + i) * b;
                energy += b * b;
            }
            double score = dot / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = shift;
            }
        }
        return best;
    }

    /** The sample {@code offset} from the head: negative offsets read the played history. */
    private short at(int offset) {
        return ring[Math.floorMod(head + offset, ring.length)];
    }

    private void copy(int from, short[] out, int to, int length) {
        for (int i = 0; i < length; i++) {
            out[to + i] = at(from + i);
        }
    }

    private void skip(int samples) {
        head = Math.floorMod(head + samples, ring.length);
        count -= samples;
        played = Math.min(played + samples, MAX_SHIFT + FADE);
    }

    synchronized int buffered() {
        return count;
    }

    synchronized long underruns() {
        return underruns;
    }

    /** Stretches skipped or repeated so far to follow the drift. */
    synchronized long seams() {
        return seams;
    }
}
