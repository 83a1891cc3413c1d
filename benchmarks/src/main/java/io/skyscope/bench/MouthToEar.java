package io.skyscope.bench;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mouth-to-ear latency on a steady loopback link: Ana and Ben have been in a call for seconds,
 * Ana's microphone silent; then a 440 Hz tone starts. Measured from the moment Ana's capture loop
 * reads the first frame of the tone from her (virtual) microphone, a few microseconds before it
 * hands that frame to WebRTC, to the moment Ben's render loop writes the first 10 ms frame carrying
 * the tone (440 Hz amplitude above 300) to his (virtual) speaker; both System.nanoTime in this JVM.
 * It covers Ana's push, Opus encoding, RTP over loopback UDP, Ben's jitter buffer (NetEq), decoding,
 * his engine's own jitter buffer and mix. It does not cover a real device's input and output
 * buffers (the virtual devices have none), nor a real network. Then the tone stops, and after
 * 600 ms of silence at Ben the next run starts; {@code runs} times.
 */
final class MouthToEar {
    private MouthToEar() {
    }

    static void measure(SkyScopeApi api, int runs) throws Exception {
        try (var ben = Caller.join(api, "m2eben"); var ana = Caller.join(api, "m2eana")) {
            double[] centre = Measure.openFloor(ben, 260, 0);
            ben.moveTo(centre);
            ana.moveTo(new double[] {centre[0] - 60, centre[1]});
            var onset = new Onset(SignalSource.tone(440));
            ana.audio.play(onset);
            Measure.waitUntil(() -> ben.links().size() == 1 && ana.links().size() == 1
                    && ben.links().getFirst().state() == LinkState.State.CONNECTED);
            var heardAt = new AtomicLong();
            ben.audio.recorder().onFrame(frame -> {
                if (onset.startedNanos() != 0 && heardAt.get() == 0
                        && Goertzel.amplitude(frame, 0, Pcm.FRAME, 2, 440, Pcm.SAMPLE_RATE) > 300) {
                    heardAt.set(System.nanoTime());
                }
            });
            Thread.sleep(2000);
            long held = ana.engine().heldBackFrames();
            long[] latency = new long[runs];
            for (int r = 0; r < runs; r++) {
                Measure.waitUntil(() -> Pcm.rms(ben.audio.recorder().lastMono(600)) < 5);
                heardAt.set(0);
                onset.start();
                Measure.waitUntil(() -> heardAt.get() != 0);
                latency[r] = heardAt.get() - onset.startedNanos();
                onset.stop();
            }
            System.out.printf(Locale.ROOT, "mouth-to-ear on a steady link (tone read from Ana's microphone -> first"
                    + " frame with it written to Ben's speaker), %d runs, Ana held %d frames meanwhile:%n",
                    runs, ana.engine().heldBackFrames() - held);
            System.out.printf(Locale.ROOT, "  latency          p50 %4.0f ms  p95 %4.0f ms  min %4.0f  max %4.0f%n",
                    Measure.pct(latency, 50, 1e6), Measure.pct(latency, 95, 1e6), Measure.pct(latency, 0, 1e6),
                    Measure.pct(latency, 100, 1e6));
        }
    }

    /** Silence until {@link #start}, then the tone; remembers when the capture thread read its first frame. */
    private static final class Onset implements SignalSource {
        private final SignalSource tone;
        private volatile boolean on;
        private volatile long startedNanos;

        Onset(SignalSource tone) {
            this.tone = tone;
        }

        void start() {
            startedNanos = 0;
            on = true;
        }

        void stop() {
            on = false;
        }

        /** When the first frame of the tone was read (System.nanoTime), or 0. */
        long startedNanos() {
            return startedNanos;
        }

        @Override
        public void fill(short[] frame) {
            if (!on) {
                SignalSource.SILENCE.fill(frame);
                return;
            }
            tone.fill(frame);
            if (startedNanos == 0) {
                startedNanos = System.nanoTime();
            }
        }
    }
}
