package io.skyscope.client.voice;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;

/**
 * A peer's decoded voice as it arrives: converted to 48 kHz mono, queued in a
 * {@link JitterBuffer} for the render thread, and measured for the speaking indicator.
 *
 * <p>{@link #onData} runs on WebRTC's audio module threads: its play thread, and its recording
 * thread while one runs, which first tells the {@link CaptureFence}; the jitter buffer and meter
 * are read by the render and control threads.
 */
final class RemoteVoice implements AudioTrackSink {
    final JitterBuffer jitter = new JitterBuffer();
    final LevelMeter meter = new LevelMeter();
    private final Runnable speakingChanged;
    private final CaptureFence fence;
    /** When the audio module's play thread last called {@link #onData} (System.nanoTime); see {@link CaptureFence}. */
    volatile long playerNanos;
    private short[] samples = new short[Pcm.FRAME];
    private short[] resampled = new short[Pcm.FRAME];
    private Resampler resampler;
    private int resamplerRate;
    private volatile long firstAudioNanos;

    RemoteVoice(Runnable speakingChanged, CaptureFence fence) {
        this.speakingChanged = speakingChanged;
        this.fence = fence;
    }

    /** When the first frame louder than the speaking threshold arrived (System.nanoTime), or 0. */
    long firstAudioNanos() {
        return firstAudioNanos;
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        fence.heard(this);
        if (bitsPerSample != 16 || channels < 1 || frames <= 0 || sampleRate <= 0) {
            return;
        }
        int n = frames * channels;
        if (samples.length < n) {
            samples = new short[n];
        }
        Pcm.fromBytes(data, 0, n, samples);
        if (channels > 1) {
            for (int i = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += samples[i * channels + c];
                }
                samples[i] = (short) (sum / channels);
            }
        }
        short[] mono = samples;
        int length = frames;
        if (sampleRate != Pcm.SAMPLE_RATE) {
            if (resampler == null || resamplerRate != sampleRate) {
                resampler = new Resampler(sampleRate, Pcm.SAMPLE_RATE);
                resamplerRate = sampleRate;
            }
            int capacity = (int) ((long) frames * Pcm.SAMPLE_RATE / sampleRate) + 2;
            if (resampled.length < capacity) {
                resampled = new short[capacity];
            }
            length = resampler.process(samples, 0, frames, 1, resampled, 0, capacity);
            mono = resampled;
        }
        jitter.write(mono, length);
        boolean changed = meter.update(mono, 0, length, 1);
        if (firstAudioNanos == 0 && meter.level() > LevelMeter.SPEAKING_DBFS) {
            firstAudioNanos = System.nanoTime();
        }
        if (changed) {
            speakingChanged.run();
        }
    }
}
