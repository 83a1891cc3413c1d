package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JitterBufferTest {
    @Test
    void silentUntilTheTargetIsBufferedThenPlaysInOrder() {
        var buffer = new JitterBuffer();
        short[] out = new short[Pcm.FRAME];
        buffer.write(ramp(0), Pcm.FRAME);
        assertThat(buffer.read(out)).isFalse();
        assertThat(Pcm.rms(out)).isZero();
        buffer.write(ramp(Pcm.FRAME), Pcm.FRAME);
        buffer.write(ramp(2 * Pcm.FRAME), Pcm.FRAME);
        assertThat(buffer.read(out)).isTrue();
        assertThat(out[0]).isEqualTo((short) 0);
        assertThat(out[479]).isEqualTo((short) 479);
    }

    @Test
    void aSlowerWriterIsStretchedWithoutUnderrunsAndAToneKeepsItsPitch() {
        // The writer delivers 99.4 frames a second, the reader takes 100: 0.6 % drift.
        var buffer = new JitterBuffer();
        var tone = SignalSource.tone(440);
        short[] in = new short[Pcm.FRAME];
        short[] out = new short[Pcm.FRAME];
        short[] played = new short[100 * Pcm.FRAME];
        double writes = 0;
        for (int tick = 0; tick < 3000; tick++) {
            writes += 0.994;
            while (writes >= 1) {
                tone.fill(in);
                buffer.write(in, in.length);
                writes--;
            }
            buffer.read(out);
            if (tick >= 2900) {
                System.arraycopy(out, 0, played, (tick - 2900) * Pcm.FRAME, Pcm.FRAME);
            }
        }
        assertThat(buffer.underruns()).as("underruns after the start").isLessThanOrEqualTo(1);
        assertThat(Goertzel.dominantFrequency(played, 300, 600, 5)).isCloseTo(440 * 0.994, within(1.5));
    }

    @Test
    void aBurstAfterAStallIsTrimmedToTheTarget() {
        var buffer = new JitterBuffer();
        short[] out = new short[Pcm.FRAME];
        for (int i = 0; i < 3; i++) {
            buffer.write(ramp(0), Pcm.FRAME);
        }
        buffer.read(out);
        for (int i = 0; i < 20; i++) {
            buffer.write(ramp(0), Pcm.FRAME);
        }
        buffer.read(out);
        assertThat(buffer.buffered()).isLessThanOrEqualTo(JitterBuffer.TARGET);
    }

    private static short[] ramp(int from) {
        short[] s = new short[Pcm.FRAME];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (from + i);
        }
        return s;
    }
}
