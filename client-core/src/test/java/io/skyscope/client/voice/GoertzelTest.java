package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
