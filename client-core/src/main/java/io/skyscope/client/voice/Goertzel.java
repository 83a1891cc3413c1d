package io.skyscope.client.voice;

import java.util.List;

/**
 * Measures single frequencies in PCM with the Goertzel algorithm: cheaper than an FFT when only a
 * few frequencies matter (is a 440 Hz tone there, and how loud). Pure and stateless.
 */
public final class Goertzel {
    /** How far off its frequency a received tone may be (the jitter buffer's drift correction). */
    public static final double DRIFT = 0.015;

    private Goertzel() {
    }

    /**
     * The amplitude (in sample units, like a sine's peak) of {@code frequency} in
     * {@code count} samples taken every {@code stride}-th from {@code offset}. A Hann window keeps a
     * loud neighbouring frequency from leaking in.
     */
    public static double amplitude(short[] samples, int offset, int count, int stride, double frequency,
                                   int sampleRate) {
        if (count < 2) {
            return 0;
        }
        double w = 2 * Math.PI * frequency / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < count; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (count - 1));
            windowSum += hann;
            double s = samples[offset + i * stride] * hann + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double real = s1 - s2 * Math.cos(w);
        double imag = s2 * Math.sin(w);
        return 2 * Math.sqrt(real * real + imag * imag) / windowSum;
    }

    /**
     * The largest amplitude within ±{@code tolerance} (a fraction, e.g. 0.015) of
     * {@code frequency}, searched in 0.5 Hz steps: a tone that went through a clock-drift
     * correction arrives a little off its frequency.
     */
    public static double peakAmplitude(short[] samples, int offset, int count, int stride, double frequency,
                                       double tolerance) {
        double best = 0;
        double span = frequency * tolerance;
        for (double f = frequency - span; f <= frequency + span; f += 0.5) {
            best = Math.max(best, amplitude(samples, offset, count, stride, f, Pcm.SAMPLE_RATE));
        }
        return best;
    }

    public static double amplitude(short[] mono, double frequency) {
        return amplitude(mono, 0, mono.length, 1, frequency, Pcm.SAMPLE_RATE);
    }

    /**
     * The strongest frequency between {@code low} and {@code high} Hz: a coarse scan in
     * {@code step} Hz, then a fine one (1 Hz) around the best. Returns NaN for silence.
     */
    public static double dominantFrequency(short[] mono, double low, double high, double step) {
        double best = Double.NaN;
        double bestAmp = 0;
        for (double f = low; f <= high; f += step) {
            double a = amplitude(mono, f);
            if (a > bestAmp) {
                bestAmp = a;
                best = f;
            }
        }
        if (Double.isNaN(best)) {
            return best;
        }
        double centre = best;
        for (double f = centre - step; f <= centre + step; f += 1) {
            double a = amplitude(mono, f);
            if (a > bestAmp) {
                bestAmp = a;
                best = f;
            }
        }
        return best;
    }

    /**
     * The strongest frequency (as {@link #dominantFrequency(short[], double, double, double)}) in the
     * cleanest of several readings: the one where that frequency is loudest. A gap the jitter buffer
     * filled with silence resumes the voice at another phase, and that jump can move a short
     * reading's peak by a few hertz; the cleanest reading is the one with the fewest gaps. NaN if
     * every reading was silent.
     */
    public static double dominantFrequency(List<short[]> readings, double low, double high, double step) {
        double best = Double.NaN;
        double bestAmp = 0;
        for (short[] mono : readings) {
            double f = dominantFrequency(mono, low, high, step);
            double a = Double.isNaN(f) ? 0 : amplitude(mono, f);
            if (a > bestAmp) {
                best = f;
                bestAmp = a;
            }
        }
        return best;
    }

    /**
     * Whether a tone of {@code frequency} (±1.5 %) is present: its amplitude is at least
     * {@code minAmplitude} and it carries at least half of the signal's power.
     */
    public static boolean tonePresent(short[] mono, double frequency, double minAmplitude) {
        double amp = peakAmplitude(mono, 0, mono.length, 1, frequency, DRIFT);
        double rms = Pcm.rms(mono);
        // A pure sine of amplitude A has RMS A/sqrt(2); its power share is (A^2/2) / rms^2.
        return amp >= minAmplitude && rms > 0 && (amp * amp / 2) / (rms * rms) >= 0.5;
    }
}
