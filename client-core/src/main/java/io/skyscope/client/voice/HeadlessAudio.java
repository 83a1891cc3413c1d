package io.skyscope.client.voice;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sound without hardware, for tests and bots: a virtual microphone that plays a
 * {@link SignalSource} (a tone, a WAV file, silence) and a virtual speaker that records what it
 * hears ({@link Recorder}). Both keep real time with a {@link FrameClock}.
 *
 * <p>Optionally the room echoes: the microphone also picks up what the speaker played
 * {@code echoDelayMillis} earlier, times {@code echoGain}, as a laptop's microphone picks up its own
 * speakers. That is how the echo canceller is tested end to end.
 */
public final class HeadlessAudio implements AudioBackend {
    public static final AudioDevice MICROPHONE = new AudioDevice("headless-mic", "Synthetic microphone", true, true);
    public static final AudioDevice SPEAKER = new AudioDevice("headless-speaker", "Recording speaker", false, true);

    private final AtomicReference<SignalSource> source = new AtomicReference<>(SignalSource.SILENCE);
    private final Recorder recorder;
    private final int echoDelayMillis;
    private final double echoGain;

    public HeadlessAudio() {
        this(0, 0);
    }

    /** A room where the microphone hears the speaker {@code echoDelayMillis} later, scaled by {@code echoGain}. */
    public HeadlessAudio(int echoDelayMillis, double echoGain) {
        if (echoDelayMillis < 0 || echoDelayMillis % Pcm.FRAME_MILLIS != 0) {
            throw new IllegalArgumentException("echo delay must be a whole number of 10 ms frames");
        }
        this.echoDelayMillis = echoDelayMillis;
        this.echoGain = echoGain;
        this.recorder = new Recorder(30);
    }

    /** What the virtual microphone plays from now on. Any thread. */
    public void play(SignalSource signal) {
        source.set(signal);
    }

    public SignalSource playing() {
        return source.get();
    }

    /** Everything the virtual speaker played. */
    public Recorder recorder() {
        return recorder;
    }

    @Override
    public List<AudioDevice> inputs() {
        return List.of(MICROPHONE);
    }

    @Override
    public List<AudioDevice> outputs() {
        return List.of(SPEAKER);
    }

    @Override
    public AudioInput openInput(AudioDevice device) {
        return new Microphone();
    }

    @Override
    public AudioOutput openOutput(AudioDevice device) {
        return new Speaker();
    }

    /**
     * Plays the signal source. In an echoing room it runs on the speaker's clock, as a duplex
     * sound card does: microphone frame k is read after speaker frame k was played and holds the
     * echo of speaker frame k - delay, so the echo's delay is exact.
     */
    private final class Microphone implements AudioInput {
        private final FrameClock clock = new FrameClock();
        private final short[] echo = new short[2 * Pcm.FRAME];
        private long frameIndex = -1;
        private volatile boolean closed;

        @Override
        public boolean read(short[] frame) {
            if (closed) {
                return false;
            }
            if (echoGain > 0) {
                if (frameIndex < 0) {
                    frameIndex = recorder.framesWritten();
                }
                if (!recorder.awaitMoreThan(frameIndex, 5 * Pcm.FRAME_MILLIS)) {
                    // No speaker running: keep time alone.
                    if (!clock.await()) {
                        return false;
                    }
                }
            } else if (!clock.await()) {
                return false;
            }
            source.get().fill(frame);
            if (echoGain > 0) {
                long heard = frameIndex - echoDelayMillis / Pcm.FRAME_MILLIS;
                if (recorder.frame(heard, echo)) {
                    for (int i = 0; i < frame.length; i++) {
                        frame[i] = Pcm.clip(frame[i] + echoGain * (echo[2 * i] + echo[2 * i + 1]) / 2.0);
                    }
                }
                frameIndex++;
            }
            return true;
        }

        @Override
        public int latencyMillis() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final class Speaker implements AudioOutput {
        private final FrameClock clock = new FrameClock();
        private volatile boolean closed;

        @Override
        public void write(short[] stereo) {
            if (closed) {
                return;
            }
            recorder.write(stereo);
            clock.await();
        }

        @Override
        public int latencyMillis() {
            return echoDelayMillis;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
