package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RecorderTest {
    private static final int READING_FRAMES = 30;

    /**
     * The first reading catches a call's voice as it begins: 200 ms of silence, then 30 ms of tone,
     * then the tone at the opposite phase (the jitter buffer dropped a burst). Its peak is 10 Hz off.
     * The clean readings that follow give the tone.
     */
    @Test
    void dominantFrequencyIsTakenFromTheCleanestReading() throws InterruptedException {
        var recorder = new Recorder(10);
        long sample = 0;
        short[] onset = new short[READING_FRAMES * Pcm.FRAME];
        for (int frame = 0; frame < READING_FRAMES; frame++) {
            double phase = frame < 23 ? 0 : Math.PI;
            for (int i = 0; i < Pcm.FRAME; i++, sample++) {
                onset[frame * Pcm.FRAME + i] = frame < 20 ? 0 : toneSample(sample, phase);
            }
            recorder.write(stereo(onset, frame * Pcm.FRAME));
        }
        double onsetPeak = Goertzel.dominantFrequency(recorder.lastMono(READING_FRAMES * 10), 100, 4000, 10);
        assertThat(Math.abs(onsetPeak - 440)).as("the first reading's peak, %s Hz", onsetPeak)
                .isGreaterThan(6.6);

        long from = sample;
        var writer = Thread.ofPlatform().start(() -> {
            short[] mono = new short[Pcm.FRAME];
            for (long s = from, frame = 0; frame < 1000; frame++) {
                for (int i = 0; i < Pcm.FRAME; i++, s++) {
                    mono[i] = toneSample(s, 0);
                }
                recorder.write(stereo(mono, 0));
                if (!pause()) {
                    return;
                }
            }
        });
        try {
            assertThat(recorder.dominantFrequency(100, 4000, 10, READING_FRAMES * 10, 4)).isCloseTo(440, within(1.0));
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    @Test
    void dominantFrequencyOfSilenceIsNaN() throws InterruptedException {
        var recorder = new Recorder(10);
        var writer = Thread.ofPlatform().start(() -> {
            for (int frame = 0; frame < 1000; frame++) {
                recorder.write(new short[2 * Pcm.FRAME]);
                if (!pause()) {
                    return;
                }
            }
        });
        try {
            assertThat(recorder.dominantFrequency(100, 4000, 10, READING_FRAMES * 10, 2)).isNaN();
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    /** Paces a writer at a frame every 2 ms, so a reading never waits long; false once interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(2);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static short toneSample(long sample, double phase) {
        return (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / Pcm.SAMPLE_RATE + phase));
    }

    private static short[] stereo(short[] mono, int offset) {
        short[] out = new short[2 * Pcm.FRAME];
        for (int i = 0; i < Pcm.FRAME; i++) {
            out[2 * i] = mono[offset + i];
            out[2 * i + 1] = mono[offset + i];
        }
        return out;
    }
}
