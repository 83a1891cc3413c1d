package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoertzelTest {
    @Test
    void measuresTheAmplitudeOfASine() {
        short[] tone = sine(440, 8000, 4800);
        assertThat(Goertzel.amplitude(tone, 440)).isCloseTo(8000, within(80.0));
        assertThat(Goertzel.amplitude(tone, 880)).isLessThan(20);
        assertThat(Goertzel.amplitude(tone, 470)).as("a neighbour 30 Hz away").isLessThan(400);
    }

    @Test
    void findsTheDominantFrequency() {
        short[] mix = new short[9600];
        short[] a = sine(523, 6000, mix.length);
        short[] b = sine(1200, 2000, mix.length);
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (short) (a[i] + b[i]);
        }
        assertThat(Goertzel.dominantFrequency(mix, 100, 4000, 10)).isCloseTo(523, within(2.0));
        assertThat(Goertzel.dominantFrequency(new short[4800], 100, 4000, 10)).isNaN();
    }

    /**
     * The first reading catches a call's voice as it begins: 200 ms of silence, then 30 ms of tone,
     * then the tone at the opposite phase (the jitter buffer dropped a burst). Its peak is 10 Hz off;
     * the clean readings after it give the tone.
     */
    @Test
    void theDominantFrequencyOfSeveralReadingsIsTakenFromTheCleanest() {
        int n = 14_400; // 300 ms
        short[] tone = sine(440, 8000, 2 * n);
        short[] onset = new short[n];
        for (int i = 200 * Pcm.SAMPLE_RATE / 1000; i < n; i++) {
            onset[i] = i < 230 * Pcm.SAMPLE_RATE / 1000 ? tone[i] : (short) -tone[i];
        }
        short[] clean = Arrays.copyOfRange(tone, n, 2 * n);
        double onsetPeak = Goertzel.dominantFrequency(onset, 100, 4000, 10);
        assertThat(Math.abs(onsetPeak - 440)).as("the first reading's peak, %s Hz", onsetPeak).isGreaterThan(6.6);
        assertThat(Goertzel.dominantFrequency(List.of(onset, clean, clean), 100, 4000, 10)).isCloseTo(440, within(1.0));
        assertThat(Goertzel.dominantFrequency(List.of(new short[n], new short[n]), 100, 4000, 10)).isNaN();
    }

    @Test
    void tonePresentNeedsTheToneToDominate() {
        assertThat(Goertzel.tonePresent(sine(440, 3000, 4800), 440, 1000)).isTrue();
        assertThat(Goertzel.tonePresent(sine(440, 300, 4800), 440, 1000)).as("too quiet").isFalse();
        assertThat(Goertzel.tonePresent(sine(660, 3000, 4800), 440, 1000)).as("another tone").isFalse();
        short[] noisy = sine(440, 3000, 4800);
        var random = new Random(1);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (short) (random.nextGaussian() * 6000);
        }
        assertThat(Goertzel.tonePresent(noisy, 440, 1000)).as("buried in noise").isFalse();
    }

    static short[] sine(double frequency, double amplitude, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / Pcm.SAMPLE_RATE));
        }
        return s;
    }
}
