package io.skyscope.bench;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.ToneGapWatch;
import java.util.Locale;

/**
 * The gap a peer already in a call hears when someone else joins the speaker: Ben stands in a call
 * with Ana, who plays a 440 Hz tone; Cal steps from 250 px to 150 px left of Ben, that is within
 * 128 px of Ana but not of Ben, so Ana's client opens (or, warm, switches on) a link to Cal. From
 * Cal's step until Ana's link to him has been up for a second, every 10 ms frame of Ben's
 * speaker is read: the longest run of frames whose 440 Hz amplitude is below half the call's
 * steady amplitude is the gap. Also counted: the frames Ana's engine held back (not pushed into
 * WebRTC while a link settled). Then Cal steps back out, and the same is read from his step until
 * Ana's link to him has been gone for a second (the gap when someone leaves); and again,
 * {@code runs} times.
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
            double steady = ToneGapWatch.amplitude(ben.audio.recorder().last(1000), 440);
            var watch = new ToneGapWatch(440, steady / 2);
            ben.audio.recorder().onFrame(watch);
            long[] gaps = new long[runs];
            long[] held = new long[runs];
            long[] leaving = new long[runs];
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
                watch.start();
                cal.session.move(outside[0], outside[1]);
                Measure.waitUntil(() -> ana.engine().snapshot().link(cal.userId()) == null);
                Thread.sleep(1000);
                leaving[r] = watch.stop();
                held[r] = ana.engine().heldBackFrames() - heldBefore;
            }
            ben.audio.recorder().removeListener(watch);
            System.out.printf(Locale.ROOT, "gap Ben hears in Ana's tone when Cal joins Ana, %s, %d runs"
                    + " (steady amplitude %.0f):%n", warm ? "warm links" : "no warm links", runs, steady);
            System.out.printf(Locale.ROOT, "  longest gap      p50 %4.0f ms  p95 %4.0f ms  max %4.0f ms%n",
                    Measure.pct(gaps, 50, 1), Measure.pct(gaps, 95, 1), Measure.pct(gaps, 100, 1));
            System.out.printf(Locale.ROOT, "  gap when leaving p50 %4.0f ms  p95 %4.0f ms  max %4.0f ms%n",
                    Measure.pct(leaving, 50, 1), Measure.pct(leaving, 95, 1), Measure.pct(leaving, 100, 1));
            System.out.printf(Locale.ROOT, "  frames Ana held  p50 %4.0f      p95 %4.0f      max %4.0f (10 ms each)%n",
                    Measure.pct(held, 50, 1), Measure.pct(held, 95, 1), Measure.pct(held, 100, 1));
        }
    }

    private static Caller join(SkyScopeApi api, String name, boolean warm) {
        return warm ? Caller.join(api, name) : Caller.joinCold(api, name);
    }
}
