package io.skyscope.client.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the last seconds of a stereo output and answers questions about it: how loud each side is,
 * whether a tone is there. The render thread writes; any thread reads; frame listeners run on the
 * render thread and must be quick.
 */
public final class Recorder {
    private final short[] ring;
    private final int frames;
    private final List<Consumer<short[]>> listeners = new CopyOnWriteArrayList<>();
    private long written;

    Recorder(int seconds) {
        this.frames = seconds * 100;
        this.ring = new short[frames * 2 * Pcm.FRAME];
    }

    /** Runs for every frame played, on the render thread, with a frame it must not keep. */
    public void onFrame(Consumer<short[]> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<short[]> listener) {
        listeners.remove(listener);
    }

    void write(short[] stereo) {
        synchronized (ring) {
            int slot = (int) (written % frames);
            System.arraycopy(stereo, 0, ring, slot * 2 * Pcm.FRAME, 2 * Pcm.FRAME);
            written++;
            ring.notifyAll();
        }
        for (var l : listeners) {
            l.accept(stereo);
        }
    }

    public long framesWritten() {
        synchronized (ring) {
            return written;
        }
    }

    /** Waits until more than {@code frames} frames were written; false on timeout. */
    boolean awaitMoreThan(long frames, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (ring) {
            while (written <= frames) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(ring, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Copies frame number {@code index} (0 = the first ever) if it is still kept. */
    boolean frame(long index, short[] out) {
        synchronized (ring) {
            if (index < 0 || index >= written || index < written - frames) {
                return false;
            }
            System.arraycopy(ring, (int) (index % frames) * 2 * Pcm.FRAME, out, 0, 2 * Pcm.FRAME);
            return true;
        }
    }

    /** The last {@code millis} of output, interleaved stereo (shorter if less was played). */
    public short[] last(int millis) {
        synchronized (ring) {
            int n = (int) Math.min(Math.min(millis / Pcm.FRAME_MILLIS, frames), written);
            short[] out = new short[n * 2 * Pcm.FRAME];
            for (int i = 0; i < n; i++) {
                long index = written - n + i;
                System.arraycopy(ring, (int) (index % frames) * 2 * Pcm.FRAME, out, i * 2 * Pcm.FRAME, 2 * Pcm.FRAME);
            }
            return out;
        }
    }

    /** RMS of the left and right channel over the last {@code millis}. */
    public double[] channelRms(int millis) {
        short[] s = last(millis);
        return new double[] {Pcm.rms(s, 0, s.length / 2, 2), Pcm.rms(s, 1, s.length / 2, 2)};
    }

    /**
     * Amplitude of {@code frequency} (±1.5 %, see {@link Goertzel#DRIFT}) in the left and right
     * channel over the last {@code millis}.
     */
    public double[] toneAmplitude(double frequency, int millis) {
        short[] s = last(millis);
        return new double[] {
                Goertzel.peakAmplitude(s, 0, s.length / 2, 2, frequency, Goertzel.DRIFT),
                Goertzel.peakAmplitude(s, 1, s.length / 2, 2, frequency, Goertzel.DRIFT)};
    }

    /**
     * The loudest, both ears together, of {@code readings} {@link #toneAmplitude} readings over
     * {@code millis} each, taken one after the other over fresh output. A frame the jitter buffer
     * had to fill with silence (a late packet on a busy machine) lowers a reading and never raises
     * one, so this is the level of the tone when nothing was lost.
     *
     * @throws IllegalStateException if no output was played for 10 s
     */
    public double[] loudestToneAmplitude(double frequency, int millis, int readings) {
        double[] loudest = {0, 0};
        for (double[] a : readings(millis, readings, () -> toneAmplitude(frequency, millis))) {
            if (a[0] + a[1] > loudest[0] + loudest[1]) {
                loudest = a;
            }
        }
        return loudest;
    }

    /**
     * The strongest frequency between {@code low} and {@code high} Hz in the cleanest of
     * {@code readings} readings of {@code millis} each, taken one after the other over fresh output
     * (see {@link Goertzel#dominantFrequency(List, double, double, double)}).
     *
     * @throws IllegalStateException if no output was played for 10 s
     */
    public double dominantFrequency(double low, double high, double step, int millis, int readings) {
        return Goertzel.dominantFrequency(readings(millis, readings, () -> lastMono(millis)), low, high, step);
    }

    /** {@code count} readings, {@code millis} of fresh output apart. */
    private <T> List<T> readings(int millis, int count, Supplier<T> reading) {
        List<T> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(reading.get());
            if (i + 1 < count && !awaitMoreThan(framesWritten() + millis / Pcm.FRAME_MILLIS, 10_000)) {
                throw new IllegalStateException("no output played for 10 s");
            }
        }
        return taken;
    }

    /** The last {@code millis} as mono (channels averaged). */
    public short[] lastMono(int millis) {
        return mono(last(millis));
    }

    /**
     * The frames from number {@code first} (0 = the first ever played) to the newest, as mono, at
     * most {@code millis} of the newest of them; empty if none of them was played yet.
     */
    public short[] monoSince(long first, int millis) {
        synchronized (ring) {
            long from = Math.max(Math.max(first, written - frames), written - millis / Pcm.FRAME_MILLIS);
            int n = (int) Math.max(0, written - from);
            short[] s = new short[n * 2 * Pcm.FRAME];
            for (int i = 0; i < n; i++) {
                System.arraycopy(ring, (int) ((from + i) % frames) * 2 * Pcm.FRAME, s, i * 2 * Pcm.FRAME, 2 * Pcm.FRAME);
            }
            return mono(s);
        }
    }

    private static short[] mono(short[] s) {
        short[] mono = new short[s.length / 2];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (short) ((s[2 * i] + s[2 * i + 1]) / 2);
        }
        return mono;
    }
}
