package io.skyscope.client.voice;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Real microphones and speakers through Java Sound ({@code javax.sound.sampled}): ALSA on Linux,
 * DirectSound on Windows, Core Audio on macOS. Each mixer that can capture (or play) 16-bit PCM is
 * a device; opening tries 48 kHz first and falls back to 44.1, 32 or 16 kHz, mono or stereo,
 * converting to the engine's 48 kHz frames ({@link LineConverter}).
 *
 * <p>Listing and opening are thread-safe; an opened input is read by the capture thread, an opened
 * output written by the render thread.
 */
public final class JavaSoundAudio implements AudioBackend {
    /** The system's default device (the id {@code "default"}). */
    public static final String DEFAULT_ID = "default";
    private static final int[] RATES = {48_000, 44_100, 32_000, 16_000};
    /** Input and output line buffers: long enough not to drop under GC pauses, short for latency. */
    private static final int INPUT_BUFFER_MILLIS = 40;
    private static final int OUTPUT_BUFFER_MILLIS = 60;

    @Override
    public List<AudioDevice> inputs() {
        return devices(true);
    }

    @Override
    public List<AudioDevice> outputs() {
        return devices(false);
    }

    @Override
    public AudioInput openInput(AudioDevice device) {
        Mixer mixer = mixer(device, true);
        LineUnavailableException last = null;
        for (AudioFormat format : formats(1)) {
            var info = new DataLine.Info(TargetDataLine.class, format);
            try {
                TargetDataLine line = (TargetDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
                line.open(format, bytes(format, INPUT_BUFFER_MILLIS));
                line.start();
                return new Input(line, new LineConverter(format));
            } catch (LineUnavailableException | IllegalArgumentException e) {
                last = e instanceof LineUnavailableException l ? l : new LineUnavailableException(e.getMessage());
            }
        }
        throw new IllegalStateException("cannot open microphone '" + name(device) + "' for 16-bit capture"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    @Override
    public AudioOutput openOutput(AudioDevice device) {
        Mixer mixer = mixer(device, false);
        LineUnavailableException last = null;
        for (AudioFormat format : formats(2)) {
            var info = new DataLine.Info(SourceDataLine.class, format);
            try {
                SourceDataLine line = (SourceDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
                line.open(format, bytes(format, OUTPUT_BUFFER_MILLIS));
                line.start();
                return new Output(line, new LineConverter(format));
            } catch (LineUnavailableException | IllegalArgumentException e) {
                last = e instanceof LineUnavailableException l ? l : new LineUnavailableException(e.getMessage());
            }
        }
        throw new IllegalStateException("cannot open speaker '" + name(device) + "' for 16-bit playback"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private static List<AudioDevice> devices(boolean input) {
        List<AudioDevice> out = new ArrayList<>();
        Line.Info wanted = new Line.Info(input ? TargetDataLine.class : SourceDataLine.class);
        if (AudioSystem.isLineSupported(wanted)) {
            out.add(new AudioDevice(DEFAULT_ID, "System default", input, true));
        }
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            if (mixer.isLineSupported(wanted)) {
                out.add(new AudioDevice(info.getName(), info.getName() + " — " + info.getDescription(), input, false));
            }
        }
        return List.copyOf(out);
    }

    /** The mixer for a device, or null for the system default. */
    private static Mixer mixer(AudioDevice device, boolean input) {
        if (device == null || DEFAULT_ID.equals(device.id())) {
            return null;
        }
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(device.id())) {
                return AudioSystem.getMixer(info);
            }
        }
        throw new IllegalArgumentException("no " + (input ? "microphone" : "speaker") + " named '" + device.id()
                + "'; available: " + (input ? new JavaSoundAudio().inputs() : new JavaSoundAudio().outputs()).stream()
                .map(AudioDevice::id).toList());
    }

    private static List<AudioFormat> formats(int preferredChannels) {
        List<AudioFormat> out = new ArrayList<>();
        for (int rate : RATES) {
            out.add(new AudioFormat(rate, 16, preferredChannels, true, false));
            out.add(new AudioFormat(rate, 16, 3 - preferredChannels, true, false));
        }
        return out;
    }

    private static int bytes(AudioFormat format, int millis) {
        return (int) (format.getSampleRate() * millis / 1000) * format.getFrameSize();
    }

    private static String name(AudioDevice device) {
        return device == null ? DEFAULT_ID : device.id();
    }

    private static final class Input implements AudioInput {
        private final TargetDataLine line;
        private final LineConverter converter;
        private final byte[] chunk;
        private volatile boolean closed;

        Input(TargetDataLine line, LineConverter converter) {
            this.line = line;
            this.converter = converter;
            this.chunk = new byte[converter.bytesPer10Ms()];
        }

        @Override
        public boolean read(short[] frame) {
            while (!converter.takeFrame(frame)) {
                int n = 0;
                while (n < chunk.length) {
                    if (closed) {
                        return false;
                    }
                    int r = line.read(chunk, n, chunk.length - n);
                    if (r <= 0 && closed) {
                        return false;
                    }
                    n += Math.max(0, r);
                }
                converter.captured(chunk, chunk.length);
            }
            return true;
        }

        @Override
        public int latencyMillis() {
            return INPUT_BUFFER_MILLIS / 2;
        }

        @Override
        public void close() {
            closed = true;
            line.stop();
            line.close();
        }
    }

    private static final class Output implements AudioOutput {
        private final SourceDataLine line;
        private final LineConverter converter;
        private volatile boolean closed;

        Output(SourceDataLine line, LineConverter converter) {
            this.line = line;
            this.converter = converter;
        }

        @Override
        public void write(short[] stereo) {
            if (closed) {
                return;
            }
            byte[] bytes = converter.toLine(stereo);
            line.write(bytes, 0, bytes.length);
        }

        @Override
        public int latencyMillis() {
            return OUTPUT_BUFFER_MILLIS;
        }

        @Override
        public void close() {
            closed = true;
            line.stop();
            line.close();
        }
    }
}
