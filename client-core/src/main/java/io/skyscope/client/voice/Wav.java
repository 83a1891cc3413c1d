package io.skyscope.client.voice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes 16-bit PCM WAV files (RIFF), enough for test signals and recordings. */
public final class Wav {
    private Wav() {
    }

    /** Reads a 16-bit PCM WAV file as mono (channels averaged) at 48 kHz (linearly resampled). */
    public static short[] readMono48k(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException("not a RIFF/WAVE file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format != 1 && format != 0xfffe) {
                    throw new IOException("only PCM WAV files are supported (format " + format + ")");
                }
            } else if (id == 0x61746164) { // "data"
                if (bits != 16 || channels < 1 || rate <= 0) {
                    throw new IOException("need 16-bit PCM; this file has " + bits + " bits, " + channels + " channels");
                }
                int frames = Math.min(size, b.limit() - body) / (2 * channels);
                short[] mono = new short[frames];
                for (int i = 0; i < frames; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (i * channels + c));
                    }
                    mono[i] = (short) (sum / channels);
                }
                return Resampler.resample(mono, rate, Pcm.SAMPLE_RATE);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException("WAV file has no data chunk");
    }

    /** Writes 16-bit PCM samples (interleaved if {@code channels} is 2) at 48 kHz. */
    public static void write(Path file, short[] samples, int channels) throws IOException {
        var out = new ByteArrayOutputStream(44 + samples.length * 2);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int dataBytes = samples.length * 2;
        h.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(Pcm.SAMPLE_RATE).putInt(Pcm.SAMPLE_RATE * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16);
        h.putInt(0x61746164).putInt(dataBytes);
        out.write(h.array());
        out.write(Pcm.toBytes(samples));
        Files.write(file, out.toByteArray());
    }
}
