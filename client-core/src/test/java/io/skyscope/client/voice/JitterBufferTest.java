package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(doubles = {0.994, 1.006, 0.99, 1.01})
    void aDriftingWriterIsFollowedWithoutUnderrunsAndAToneKeepsItsPitch(double writesPerRead) {
        // The writer delivers writesPerRead frames for each frame the reader takes: 0.994 is the
        // headless playout module's 99.4 frames a second against the speaker's 100.
        var buffer = new JitterBuffer();
        var tone = SignalSource.tone(440);
        short[] in = new short[Pcm.FRAME];
        short[] out = new short[Pcm.FRAME];
        int reads = 6000;
        int measured = 2000;
        short[] played = new short[measured * Pcm.FRAME];
        double writes = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        for (int tick = 0; tick < reads; tick++) {
            writes += writesPerRead;
            while (writes >= 1) {
                tone.fill(in);
                buffer.write(in, in.length);
                writes--;
            }
            buffer.read(out);
            if (tick >= reads - measured) {
                System.arraycopy(out, 0, played, (tick - (reads - measured)) * Pcm.FRAME, Pcm.FRAME);
                lowest = Math.min(lowest, buffer.buffered());
                highest = Math.max(highest, buffer.buffered());
            }
        }
        assertThat(buffer.underruns()).as("underruns after the start").isZero();
        assertThat(buffer.seams()).as("stretches skipped or repeated").isPositive();
        assertThat(lowest).as("fewest samples left after a read").isPositive();
        assertThat(highest).as("most samples left after a read").isLessThanOrEqualTo(JitterBuffer.TARGET + Pcm.FRAME);
        // The pitch is the sender's: within 0.1 % (resampling by the drift was off by the drift).
        assertThat(risingCrossingRate(played)).isCloseTo(440, within(0.44));
        // No click at a seam: no step between samples larger than the tone's own steepest one, with
        // room for the crossfade's small dip.
        double steepest = 32767 * Math.pow(10, -12 / 20.0) * 2 * Math.PI * 440 / Pcm.SAMPLE_RATE;
        int largestStep = 0;
        for (int i = 1; i < played.length; i++) {
            largestStep = Math.max(largestStep, Math.abs(played[i] - played[i - 1]));
        }
        assertThat((double) largestStep).isLessThan(1.5 * steepest);
    }

    /** Frequency from the rising zero crossings (interpolated) of a long reading. */
    private static double risingCrossingRate(short[] s) {
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                double t = i - 1 + (double) -s[i - 1] / (s[i] - s[i - 1]);
                if (crossings == 0) {
                    first = t;
                }
                last = t;
                crossings++;
            }
        }
        return (crossings - 1) / ((last - first) / Pcm.SAMPLE_RATE);
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
