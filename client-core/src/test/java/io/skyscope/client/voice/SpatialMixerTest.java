package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.skyscope.client.voice.SpatialMixer.Gains;
import io.skyscope.client.voice.SpatialMixer.Settings;
import io.skyscope.client.voice.SpatialMixer.Voice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpatialMixerTest {
    private static final Settings S = Settings.DEFAULT; // full volume to 32 px, silent at 160, pan width 128

    @ParameterizedTest(name = "{0} px -> {1}")
    @CsvSource({
            "0,     1.0",
            "32,    1.0",
            "64,    0.5",     // 32/64, before the fade band (120..160)
            "100,   0.32",
            "120,   0.26667", // 32/120, fade starts
            "140,   0.11429", // 32/140 * (20/40)
            "159,   0.00503",
            "160,   0.0",
            "500,   0.0",
    })
    void distanceGainFallsWithDistanceAndReachesZeroAtTheRadius(double distance, double gain) {
        assertThat(SpatialMixer.distanceGain(distance, S)).isCloseTo(gain, within(1e-4));
    }

    @Test
    void distanceGainNeverRisesWithDistance() {
        double last = 1;
        for (double d = 0; d <= 200; d += 0.5) {
            double g = SpatialMixer.distanceGain(d, S);
            assertThat(g).isLessThanOrEqualTo(last);
            last = g;
        }
    }

    @ParameterizedTest(name = "dx {0} -> L {1} R {2}")
    @CsvSource({
            "0,     0.70711, 0.70711",
            "-128,  1.0,     0.0",
            "-500,  1.0,     0.0",
            "128,   0.0,     1.0",
            "64,    0.38268, 0.92388", // a quarter turn: cos(3pi/8), sin(3pi/8)
            "-64,   0.92388, 0.38268",
    })
    void panKeepsConstantPower(double dx, double left, double right) {
        Gains g = SpatialMixer.pan(dx, S);
        assertThat(g.left()).isCloseTo(left, within(1e-4));
        assertThat(g.right()).isCloseTo(right, within(1e-4));
        assertThat(g.left() * g.left() + g.right() * g.right()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void gainsCombineDistancePanAndMyVolume() {
        Gains g = SpatialMixer.gains(new Voice("ana", null, -64, 0, 1.5, true), S);
        assertThat(g.left()).isCloseTo(0.5 * 0.92388 * 1.5, within(1e-4));
        assertThat(g.right()).isCloseTo(0.5 * 0.38268 * 1.5, within(1e-4));
        Gains room = SpatialMixer.gains(new Voice("ben", null, 500, 0, 1, false), S);
        assertThat(room.left()).isCloseTo(0.70711, within(1e-4));
        assertThat(room.right()).isCloseTo(0.70711, within(1e-4));
        assertThat(SpatialMixer.gains(new Voice("cat", null, 0, 0, 9, true), S).left())
                .as("volume is capped at 200%").isCloseTo(2 * 0.70711, within(1e-4));
    }

    @Test
    void mixRampsFromSilenceThenHoldsTheGains() {
        var mixer = new SpatialMixer(S);
        short[] voice = constant(10_000);
        short[] out = new short[2 * Pcm.FRAME];
        // Ana 64 px to my left: gain 0.5, pan L 0.924 R 0.383.
        mixer.mix(List.of(new Voice("ana", voice, -64, 0, 1, true)), false, out);
        assertThat(out[0]).as("first sample of a new voice starts near silence").isLessThan((short) 50);
        assertThat(out[out.length - 2]).isEqualTo((short) 4619); // 10000 * 0.5 * 0.92388
        assertThat(out[out.length - 1]).isEqualTo((short) 1913); // 10000 * 0.5 * 0.38268

        mixer.mix(List.of(new Voice("ana", voice, -64, 0, 1, true)), false, out);
        assertThat(out[0]).isEqualTo((short) 4619);
        assertThat(out[1]).isEqualTo((short) 1913);
    }

    @Test
    void mixSumsVoicesOnTheirSidesAndClips() {
        var mixer = new SpatialMixer(S);
        short[] out = new short[2 * Pcm.FRAME];
        var voices = List.of(new Voice("left", constant(8_000), -200, 0, 1, true),
                new Voice("right", constant(6_000), 20, 10, 1, true));
        mixer.mix(voices, false, out);
        mixer.mix(voices, false, out);
        // "left" is 200 px away: silent. "right" is 22.4 px away at full gain, slightly right.
        Gains right = SpatialMixer.pan(20, S);
        assertThat(out[0]).isEqualTo(Pcm.clip(6_000 * right.left()));
        assertThat(out[1]).isEqualTo(Pcm.clip(6_000 * right.right()));

        var loud = List.of(new Voice("a", constant(30_000), 0, 0, 2, true),
                new Voice("b", constant(30_000), 0, 0, 2, true));
        mixer.mix(loud, false, out);
        mixer.mix(loud, false, out);
        assertThat(out[100]).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void deafenedOutputsSilenceAfterTheRamp() {
        var mixer = new SpatialMixer(S);
        short[] out = new short[2 * Pcm.FRAME];
        var voices = List.of(new Voice("ana", constant(10_000), 0, 0, 1, true));
        mixer.mix(voices, false, out);
        mixer.mix(voices, true, out);
        assertThat(out[out.length - 1]).isEqualTo((short) 0);
        mixer.mix(voices, true, out);
        assertThat(Pcm.rms(out)).isZero();
    }

    private static short[] constant(int value) {
        short[] s = new short[Pcm.FRAME];
        java.util.Arrays.fill(s, (short) value);
        return s;
    }
}
