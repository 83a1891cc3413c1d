package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.voice.VoiceProcessing.Options;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The echo canceller removes a synthetic echo. The far end is speech-like: a buzz of harmonics
 * whose pitch and loudness change every 200 ms, plus a little breath noise. The speaker plays it;
 * the microphone hears it 60 ms later at half amplitude (about -20 dBFS), and in one test also
 * someone near the microphone who talks for one second in every three (a 700 Hz tone). Figures are
 * over the last 3 of 10 seconds: echo in the frames where only the far end talks, the near tone in
 * the frames where both do (less 50 ms after each burst, over which the processed tone fades out).
 */
@Tag("voice")
class VoiceProcessingTest {
    private static final int DELAY_FRAMES = 6;
    private static final double ECHO_GAIN = 0.5;
    private static final double NEAR_HZ = 700;

    @Test
    void echoOfTheFarEndIsRemovedAfterConvergence() {
        try (var processing = new VoiceProcessing(new Options(true, true, false, true))) {
            Result r = run(processing, false);
            System.out.printf("echo canceller + noise suppression: echo %.1f dBFS -> %.1f dBFS (%.1f dB less)%n",
                    Pcm.dbfs(r.echoIn), Pcm.dbfs(r.residualOut), r.echoReductionDb());
            assertThat(r.echoReductionDb()).as("echo reduction, dB").isGreaterThan(30);
        }
    }

    @Test
    void withEveryStageOnTheEchoGoesAndNearSpeechStays() {
        try (var processing = new VoiceProcessing(Options.ALL)) {
            Result r = run(processing, true);
            System.out.printf("all stages: echo %.1f dBFS -> residual %.1f dBFS (%.1f dB less); near tone %.0f -> %.0f%n",
                    Pcm.dbfs(r.echoIn), Pcm.dbfs(r.residualOut), r.echoReductionDb(), r.nearIn, r.nearOut);
            assertThat(r.echoReductionDb()).as("echo reduction, dB").isGreaterThan(30);
            assertThat(r.nearOut).as("near-end tone kept within 10 dB").isBetween(r.nearIn / 3.2, r.nearIn * 3.2);
        }
    }

    @Test
    void withoutTheEchoCancellerTheEchoStays() {
        try (var processing = new VoiceProcessing(new Options(false, true, false, true))) {
            Result r = run(processing, false);
            System.out.printf("noise suppression alone: echo %.1f dBFS -> %.1f dBFS (%.1f dB less)%n",
                    Pcm.dbfs(r.echoIn), Pcm.dbfs(r.residualOut), r.echoReductionDb());
            assertThat(r.echoReductionDb()).isLessThan(6);
        }
    }

    @Test
    void withNothingOnTheMicrophoneIsUntouched() {
        try (var processing = new VoiceProcessing(Options.NONE)) {
            short[] mic = GoertzelTest.sine(440, 1000, Pcm.FRAME);
            short[] copy = mic.clone();
            processing.render(new short[2 * Pcm.FRAME]);
            processing.capture(mic, 0);
            assertThat(mic).isEqualTo(copy);
        }
    }

    private record Result(double echoIn, double residualOut, double nearIn, double nearOut) {
        double echoReductionDb() {
            return 20 * Math.log10(echoIn / Math.max(1, residualOut));
        }
    }

    private static Result run(VoiceProcessing processing, boolean nearSpeech) {
        var far = new FarEnd(42);
        var delayed = new ArrayDeque<short[]>();
        var near = nearSpeech ? SignalSource.tone(NEAR_HZ, -20) : SignalSource.SILENCE;
        short[] stereo = new short[2 * Pcm.FRAME];
        short[] nearFrame = new short[Pcm.FRAME];
        short[] mic = new short[Pcm.FRAME];
        int frames = 1000;
        double echoSum = 0;
        double residualSum = 0;
        double nearInSum = 0;
        double nearOutSum = 0;
        int echoFrames = 0;
        int nearFrames = 0;
        for (int f = 0; f < frames; f++) {
            short[] played = far.next();
            for (int i = 0; i < Pcm.FRAME; i++) {
                stereo[2 * i] = played[i];
                stereo[2 * i + 1] = played[i];
            }
            processing.render(stereo);
            delayed.addLast(played);
            short[] echoSource = delayed.size() > DELAY_FRAMES ? delayed.removeFirst() : new short[Pcm.FRAME];
            boolean talking = nearSpeech && (f / 100) % 3 == 2;
            near.fill(nearFrame);
            if (!talking) {
                java.util.Arrays.fill(nearFrame, (short) 0);
            }
            double echoPower = 0;
            for (int i = 0; i < Pcm.FRAME; i++) {
                double echo = echoSource[i] * ECHO_GAIN;
                echoPower += echo * echo;
                mic[i] = Pcm.clip(echo + nearFrame[i]);
            }
            double nearIn = talking ? Goertzel.amplitude(mic, NEAR_HZ) : 0;
            processing.capture(mic, DELAY_FRAMES * Pcm.FRAME_MILLIS);
            if (f < frames - 300) {
                continue;
            }
            boolean tail = nearSpeech && !talking && f % 100 < 5;
            if (tail) {
                continue; // the processed near tone fades out over a few frames; that is not echo
            }
            if (talking) {
                nearInSum += nearIn;
                nearOutSum += Goertzel.amplitude(mic, NEAR_HZ);
                nearFrames++;
            } else {
                double out = Pcm.rms(mic);
                residualSum += out * out;
                echoSum += echoPower / Pcm.FRAME;
                echoFrames++;
            }
        }
        return new Result(Math.sqrt(echoSum / echoFrames), Math.sqrt(residualSum / echoFrames),
                nearFrames == 0 ? 0 : nearInSum / nearFrames, nearFrames == 0 ? 0 : nearOutSum / nearFrames);
    }

    /** Speech-like far end: ten harmonics of a 110..220 Hz pitch, loudness changing every 200 ms. */
    static final class FarEnd {
        private final Random random;
        private double pitch;
        private double level;
        private double phase;
        private int frame;

        FarEnd(long seed) {
            this.random = new Random(seed);
        }

        short[] next() {
            if (frame++ % 20 == 0) {
                pitch = 110 + random.nextDouble() * 110;
                level = random.nextDouble() < 0.2 ? 0 : 1500 + random.nextDouble() * 2500;
            }
            short[] out = new short[Pcm.FRAME];
            for (int i = 0; i < Pcm.FRAME; i++) {
                double s = 0;
                for (int h = 1; h <= 10; h++) {
                    s += Math.sin(h * phase) / h;
                }
                phase += 2 * Math.PI * pitch / Pcm.SAMPLE_RATE;
                out[i] = Pcm.clip(level * s + random.nextGaussian() * level * 0.05);
            }
            phase %= 2 * Math.PI * 2520; // a multiple of 2π for every harmonic
            return out;
        }
    }
}
