package io.skyscope.client.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Synthetic microphone input for headless clients and tests: 10 ms mono frames at 48 kHz. */
public interface SignalSource {

    /** Fills the next 480 samples. Called by one thread. */
    void fill(short[] frame);

    SignalSource SILENCE = frame -> java.util.Arrays.fill(frame, (short) 0);

    /** A sine of {@code frequency} Hz at {@code dbfs} (peak level relative to full scale). */
    static SignalSource tone(double frequency, double dbfs) {
        return new Tone(frequency, 32767 * Math.pow(10, dbfs / 20));
    }

    /** A sine of {@code frequency} Hz at -12 dBFS. */
    static SignalSource tone(double frequency) {
        return tone(frequency, -12);
    }

    /** A WAV file (16-bit PCM, any rate and channel count), played in a loop. */
    static SignalSource wav(Path file) {
        try {
            return new Looping(Wav.readMono48k(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A sine that keeps its phase from frame to frame. */
    final class Tone implements SignalSource {
        private final double step;
        private final double amplitude;
        private final double frequency;
        private double phase;

        Tone(double frequency, double amplitude) {
            if (!(frequency > 0 && frequency < Pcm.SAMPLE_RATE / 2.0)) {
                throw new IllegalArgumentException("tone frequency must be between 0 and 24000 Hz, got " + frequency);
            }
            this.frequency = frequency;
            this.step = 2 * Math.PI * frequency / Pcm.SAMPLE_RATE;
            this.amplitude = amplitude;
        }

        public double frequency() {
            return frequency;
        }

        @Override
        public void fill(short[] frame) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = Pcm.clip(amplitude * Math.sin(phase));
                phase += step;
            }
            phase %= 2 * Math.PI;
        }
    }

    /** Plays samples over and over. */
    final class Looping implements SignalSource {
        private final short[] samples;
        private int position;

        Looping(short[] samples) {
            if (samples.length == 0) {
                throw new IllegalArgumentException("no samples to play");
            }
            this.samples = samples;
        }

        @Override
        public void fill(short[] frame) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = samples[position];
                position = (position + 1) % samples.length;
            }
        }
    }
}
