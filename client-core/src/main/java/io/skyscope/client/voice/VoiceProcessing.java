package io.skyscope.client.voice;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStats;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;

/**
 * WebRTC's audio processing module on the microphone path: echo cancellation (AEC3), noise
 * suppression, automatic gain control and a high-pass filter.
 *
 * <p>The echo canceller must hear what the speaker plays: the render thread passes every output
 * frame (the spatial mix, the far end) to {@link #render}, and the capture thread passes every
 * microphone frame to {@link #capture}, which removes the echo of what was rendered. The native
 * module locks render and capture separately, so the two threads may call concurrently; each
 * method is called by one thread only. {@link #close} after both threads have stopped.
 */
public final class VoiceProcessing implements AutoCloseable {
    /** Which stages run. */
    public record Options(boolean echoCancellation, boolean noiseSuppression, boolean gainControl,
                          boolean highPassFilter) {
        public static final Options ALL = new Options(true, true, true, true);
        public static final Options NONE = new Options(false, false, false, false);
    }

    private static final AudioProcessingStreamConfig MONO = new AudioProcessingStreamConfig(Pcm.SAMPLE_RATE, 1);
    private static final AudioProcessingStreamConfig STEREO = new AudioProcessingStreamConfig(Pcm.SAMPLE_RATE, 2);

    private final AudioProcessing apm;
    private final Options options;
    private final boolean bypass;
    private final byte[] captureIn = new byte[2 * Pcm.FRAME];
    private final byte[] captureOut = new byte[2 * Pcm.FRAME];
    private final byte[] renderIn = new byte[4 * Pcm.FRAME];
    private final byte[] renderOut = new byte[4 * Pcm.FRAME];

    public VoiceProcessing(Options options) {
        this.options = options;
        // With every stage off the native module outputs silence rather than its input.
        this.bypass = options.equals(Options.NONE);
        this.apm = new AudioProcessing();
        var config = new AudioProcessingConfig();
        config.echoCanceller.enabled = options.echoCancellation();
        config.noiseSuppression.enabled = options.noiseSuppression();
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.MODERATE;
        config.gainControl.enabled = options.gainControl();
        config.gainControl.adaptiveDigital.enabled = options.gainControl();
        // Gentler than the module's defaults (15 dB to start, up to 50): whatever echo is left after
        // the canceller is speech-like, and a large gain would lift it back into hearing.
        config.gainControl.adaptiveDigital.initialGainDb = 6;
        config.gainControl.adaptiveDigital.maxGainDb = 18;
        config.gainControl.adaptiveDigital.maxGainChangeDbPerSecond = 3;
        config.highPassFilter.enabled = options.highPassFilter();
        apm.applyConfig(config);
    }

    public Options options() {
        return options;
    }

    /** Feeds one played stereo frame to the echo canceller. Render thread. */
    public void render(short[] stereo) {
        if (bypass) {
            return;
        }
        Pcm.toBytes(stereo, stereo.length, renderIn);
        check(apm.processReverseStream(renderIn, STEREO, STEREO, renderOut), "processReverseStream");
    }

    /**
     * Processes one microphone frame in place. {@code delayMillis} is the time from a frame's
     * {@link #render} to its echo reaching the microphone (output plus input latency); the echo
     * canceller searches around it. Capture thread.
     */
    public void capture(short[] mono, int delayMillis) {
        if (bypass) {
            return;
        }
        Pcm.toBytes(mono, mono.length, captureIn);
        apm.setStreamDelayMs(delayMillis);
        check(apm.processStream(captureIn, MONO, MONO, captureOut), "processStream");
        Pcm.fromBytes(captureOut, 0, mono.length, mono);
    }

    /** Echo return loss enhancement and delay as the module estimates them. */
    public AudioProcessingStats statistics() {
        return apm.getStatistics();
    }

    @Override
    public void close() {
        apm.dispose();
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new IllegalStateException(call + " failed with code " + result);
        }
    }
}
