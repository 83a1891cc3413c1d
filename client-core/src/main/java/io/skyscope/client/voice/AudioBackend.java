package io.skyscope.client.voice;

import java.util.List;

/**
 * Where sound comes from and goes to: real devices ({@link JavaSoundAudio}) or none at all
 * ({@link HeadlessAudio}). The voice engine only ever sees 10 ms frames at 48 kHz: mono in, stereo out.
 */
public interface AudioBackend {

    List<AudioDevice> inputs();

    List<AudioDevice> outputs();

    /** Opens a microphone; {@code null} opens the default one. */
    AudioInput openInput(AudioDevice device);

    /** Opens a speaker; {@code null} opens the default one. */
    AudioOutput openOutput(AudioDevice device);

    /** A microphone opened for capture. One thread reads it. */
    interface AudioInput extends AutoCloseable {
        /**
         * Fills {@code frame} with the next 480 mono samples, blocking until they are captured.
         * Returns false once closed.
         */
        boolean read(short[] frame);

        /** How long sound takes from the air to {@link #read}, for the echo canceller. */
        int latencyMillis();

        @Override
        void close();
    }

    /** A speaker opened for playback. One thread writes it. */
    interface AudioOutput extends AutoCloseable {
        /** Plays 480 interleaved stereo frames, blocking while the device's buffer is full. */
        void write(short[] stereo);

        /** How long a written frame takes to reach the air, for the echo canceller. */
        int latencyMillis();

        @Override
        void close();
    }
}
