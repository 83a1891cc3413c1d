package io.skyscope.client.voice;

import javax.sound.sampled.AudioFormat;

/**
 * Converts between a sound device's format (16-bit little-endian PCM, mono or stereo, any rate)
 * and the engine's 10 ms frames at 48 kHz: captured bytes to mono frames, stereo frames to bytes
 * to play. Capture and playback each use their own instance, from one thread.
 */
final class LineConverter {
    private final int rate;
    private final int channels;
    private final Resampler captureResampler;
    private final Resampler leftResampler;
    private final Resampler rightResampler;
    private final short[] fifo = new short[Pcm.SAMPLE_RATE];
    private int fifoCount;

    LineConverter(AudioFormat format) {
        if (format.getSampleSizeInBits() != 16 || format.isBigEndian()) {
            throw new IllegalArgumentException("need 16-bit little-endian PCM, got " + format);
        }
        this.rate = (int) format.getSampleRate();
        this.channels = format.getChannels();
        this.captureResampler = new Resampler(rate, Pcm.SAMPLE_RATE);
        this.leftResampler = new Resampler(Pcm.SAMPLE_RATE, rate);
        this.rightResampler = new Resampler(Pcm.SAMPLE_RATE, rate);
    }

    /** Bytes of 10 ms of the device's audio. */
    int bytesPer10Ms() {
        return rate / 100 * channels * 2;
    }

    /** Adds captured bytes (whole sample frames): averaged to mono, resampled to 48 kHz. */
    void captured(byte[] bytes, int length) {
        int frames = length / (2 * channels);
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int b = 2 * (i * channels + c);
                sum += (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
            }
            mono[i] = (short) (sum / channels);
        }
        short[] at48 = mono;
        int count = frames;
        if (rate != Pcm.SAMPLE_RATE) {
            at48 = new short[(int) ((long) frames * Pcm.SAMPLE_RATE / rate) + 2];
            count = captureResampler.process(mono, 0, frames, 1, at48, 0, at48.length);
        }
        int room = Math.min(count, fifo.length - fifoCount);
        System.arraycopy(at48, 0, fifo, fifoCount, room);
        fifoCount += room;
    }

    /** Takes the next 480 mono samples if that many were captured. */
    boolean takeFrame(short[] frame) {
        if (fifoCount < frame.length) {
            return false;
        }
        System.arraycopy(fifo, 0, frame, 0, frame.length);
        System.arraycopy(fifo, frame.length, fifo, 0, fifoCount - frame.length);
        fifoCount -= frame.length;
        return true;
    }

    /** One 48 kHz stereo frame as the device's bytes (downmixed for a mono device). */
    byte[] toLine(short[] stereo) {
        int frames = stereo.length / 2;
        short[] left = new short[frames + 2];
        short[] right = new short[frames + 2];
        int n;
        if (rate == Pcm.SAMPLE_RATE) {
            for (int i = 0; i < frames; i++) {
                left[i] = stereo[2 * i];
                right[i] = stereo[2 * i + 1];
            }
            n = frames;
        } else {
            short[] l = new short[frames];
            short[] r = new short[frames];
            for (int i = 0; i < frames; i++) {
                l[i] = stereo[2 * i];
                r[i] = stereo[2 * i + 1];
            }
            int capacity = (int) ((long) frames * rate / Pcm.SAMPLE_RATE) + 2;
            left = new short[capacity];
            right = new short[capacity];
            n = leftResampler.process(l, 0, frames, 1, left, 0, capacity);
            rightResampler.process(r, 0, frames, 1, right, 0, capacity);
        }
        byte[] out = new byte[n * channels * 2];
        for (int i = 0; i < n; i++) {
            if (channels == 1) {
                short m = (short) ((left[i] + right[i]) / 2);
                out[2 * i] = (byte) m;
                out[2 * i + 1] = (byte) (m >> 8);
            } else {
                out[4 * i] = (byte) left[i];
                out[4 * i + 1] = (byte) (left[i] >> 8);
                out[4 * i + 2] = (byte) right[i];
                out[4 * i + 3] = (byte) (right[i] >> 8);
            }
        }
        return out;
    }
}
