package io.skyscope.client.voice;

/**
 * 16-bit PCM helpers. The voice engine works in 10 ms frames at 48 kHz throughout: mono for the
 * microphone and for each peer's decoded voice, interleaved stereo (left, right) for the output.
 * Byte order is little-endian, as WebRTC's native code and WAV files expect.
 */
public final class Pcm {
    public static final int SAMPLE_RATE = 48_000;
    /** Samples per channel in one 10 ms frame. */
    public static final int FRAME = SAMPLE_RATE / 100;
    public static final int FRAME_MILLIS = 10;

    private Pcm() {
    }

    public static void toBytes(short[] samples, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
    }

    public static byte[] toBytes(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        toBytes(samples, samples.length, out);
        return out;
    }

    public static void fromBytes(byte[] bytes, int offset, int count, short[] out) {
        for (int i = 0; i < count; i++) {
            int b = offset + 2 * i;
            out[i] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
        }
    }

    public static short[] fromBytes(byte[] bytes) {
        short[] out = new short[bytes.length / 2];
        fromBytes(bytes, 0, out.length, out);
        return out;
    }

    /** Rounds and saturates to the 16-bit range. */
    public static short clip(double value) {
        long v = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Root mean square of every {@code stride}-th sample from {@code offset}, {@code count} samples. */
    public static double rms(short[] samples, int offset, int count, int stride) {
        if (count <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double s = samples[offset + i * stride];
            sum += s * s;
        }
        return Math.sqrt(sum / count);
    }

    public static double rms(short[] samples) {
        return rms(samples, 0, samples.length, 1);
    }

    /** Level relative to a full-scale square wave: 0 dBFS at 32768 RMS; -120 for silence. */
    public static double dbfs(double rms) {
        return rms <= 0 ? -120 : Math.max(-120, 20 * Math.log10(rms / 32768.0));
    }

    /** One channel of an interleaved stereo buffer. */
    public static short[] channel(short[] stereo, int channel) {
        short[] out = new short[stereo.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = stereo[2 * i + channel];
        }
        return out;
    }
}
