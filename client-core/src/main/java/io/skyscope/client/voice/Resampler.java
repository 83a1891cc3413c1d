package io.skyscope.client.voice;

/**
 * Linear-interpolation sample-rate conversion of one channel, for devices that will not open at
 * 48 kHz and for WAV files. Speech-quality only; voice is band-limited by Opus anyway.
 * A streaming instance keeps its position between calls and is used by one thread.
 */
final class Resampler {
    private final double step;
    private double position;
    private short last;

    Resampler(int fromRate, int toRate) {
        this.step = fromRate / (double) toRate;
    }

    static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in;
        }
        int n = (int) ((long) in.length * toRate / fromRate);
        short[] out = new short[n];
        double step = fromRate / (double) toRate;
        for (int i = 0; i < n; i++) {
            double p = i * step;
            int k = (int) p;
            double f = p - k;
            short a = in[Math.min(k, in.length - 1)];
            short b = in[Math.min(k + 1, in.length - 1)];
            out[i] = Pcm.clip(a + (b - a) * f);
        }
        return out;
    }

    /**
     * Converts {@code count} samples of {@code in} (taken every {@code stride}-th from
     * {@code offset}) and appends the result to {@code out} starting at {@code outOffset} with the
     * same stride; returns how many samples were written.
     */
    int process(short[] in, int offset, int count, int stride, short[] out, int outOffset, int outCapacity) {
        int written = 0;
        // position runs over [-1, count): -1 stands for the last sample of the previous call.
        while (position < count - 1 && written < outCapacity) {
            int k = (int) Math.floor(position);
            double f = position - k;
            short a = k < 0 ? last : in[offset + k * stride];
            short b = in[offset + (k + 1) * stride];
            out[outOffset + written * stride] = Pcm.clip(a + (b - a) * f);
            written++;
            position += step;
        }
        last = in[offset + (count - 1) * stride];
        position -= count;
        return written;
    }
}
