package io.skyscope.bench;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The gap a peer already in a call hears when someone else joins the speaker: Ben stands in a call
 * with Ana, who plays a 440 Hz tone; Cal steps from 250 px to 150 px left of Ben, that is within
 * 128 px of Ana but not of Ben, so Ana's client opens (or, warm, switches on) a link to Cal. From
 * Cal's step until Ana's link to him has been up for a second, every 10 ms frame of Ben's
 * speaker is read: the longest run of frames whose 440 Hz amplitude is below half the call's
 * steady amplitude is the gap. Also counted: the frames Ana's engine held back (not pushed into
 * WebRTC while a link settled). Then Cal steps back out, and again, {@code runs} times.
 */
final class JoinGap {
    private JoinGap() {
    }

    static void measure(SkyScopeApi api, int runs, boolean warm) throws Exception {
        try (var ben = join(api, "gapben", warm); var ana = join(api, "gapana", warm); var cal = join(api, "gapcal", warm)) {
            double[] centre = Measure.openFloor(ben, 260, 0);
            ben.moveTo(centre);
            ana.moveTo(new double[] {centre[0] - 60, centre[1]});
            double[] outside = {centre[0] - 250, centre[1]};
            double[] inside = {centre[0] - 150, centre[1]};
            cal.moveTo(outside);
            ana.audio.play(SignalSource.tone(440));
            Measure.waitUntil(() -> ben.links().size() == 1 && ana.links().size() == 1
                    && ben.links().getFirst().state() == LinkState.State.CONNECTED);
            Thread.sleep(2000);
            double steady = amplitude(ben.audio.recorder().last(1000));
            var watch = new Watch(steady / 2);
            ben.audio.recorder().onFrame(watch);
            long[] gaps = new long[runs];
            long[] held = new long[runs];
            for (int r = 0; r < runs; r++) {
                Measure.waitUntil(() -> ana.links().size() == 1 && cal.links().isEmpty());
                if (warm) {
                    Measure.waitUntil(() -> ana.connectedTo(cal) && cal.connectedTo(ana));
                }
                Thread.sleep(1000);
                long heldBefore = ana.engine().heldBackFrames();
                watch.start();
                cal.session.move(inside[0], inside[1]);
                Measure.waitUntil(() -> {
                    LinkState l = ana.engine().snapshot().link(cal.userId());
                    return l != null && l.state() == LinkState.State.CONNECTED;
                });
                Thread.sleep(1000);
                gaps[r] = watch.stop();
                held[r] = ana.engine().heldBackFrames() - heldBefore;
                cal.session.move(outside[0], outside[1]);
            }
            ben.audio.recorder().removeListener(watch);
            System.out.printf(Locale.ROOT, "gap Ben hears in Ana's tone when Cal joins Ana, %s, %d runs"
                    + " (steady amplitude %.0f):%n", warm ? "warm links" : "no warm links", runs, steady);
            System.out.printf(Locale.ROOT, "  longest gap      p50 %4.0f ms  p95 %4.0f ms  max %4.0f ms%n",
                    Measure.pct(gaps, 50, 1), Measure.pct(gaps, 95, 1), Measure.pct(gaps, 100, 1));
            System.out.printf(Locale.ROOT, "  frames Ana held  p50 %4.0f      p95 %4.0f      max %4.0f (10 ms each)%n",
                    Measure.pct(held, 50, 1), Measure.pct(held, 95, 1), Measure.pct(held, 100, 1));
        }
    }

    private static Caller join(SkyScopeApi api, String name, boolean warm) {
        return warm ? Caller.join(api, name) : Caller.joinCold(api, name);
    }

    /** The mean 440 Hz amplitude of the 10 ms frames of an interleaved stereo stretch. */
    private static double amplitude(short[] stereo) {
        int frames = stereo.length / (2 * Pcm.FRAME);
        double sum = 0;
        for (int f = 0; f < frames; f++) {
            sum += Goertzel.amplitude(stereo, f * 2 * Pcm.FRAME, Pcm.FRAME, 2, 440, Pcm.SAMPLE_RATE);
        }
        return frames == 0 ? 0 : sum / frames;
    }

    /** The longest run of quiet frames while started; called on the render thread, read by the benchmark's. */
    private static final class Watch implements Consumer<short[]> {
        private final double threshold;
        private boolean watching;
        private long run;
        private long longest;

        Watch(double threshold) {
            this.threshold = threshold;
        }

        synchronized void start() {
            watching = true;
            run = 0;
            longest = 0;
        }

        /** Stops and returns the longest gap in milliseconds. */
        synchronized long stop() {
            watching = false;
            return longest * Pcm.FRAME_MILLIS;
        }

        @Override
        public synchronized void accept(short[] frame) {
            if (!watching) {
                return;
            }
            if (Goertzel.amplitude(frame, 0, Pcm.FRAME, 2, 440, Pcm.SAMPLE_RATE) < threshold) {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
    }
}
