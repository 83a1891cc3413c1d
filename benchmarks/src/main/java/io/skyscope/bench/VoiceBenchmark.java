package io.skyscope.bench;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proximity voice, end to end through a real server (in this JVM, default configuration: 320 px/s,
 * hearing from 128 px, 300 ms debounce) and headless voice clients (WebRTC, Opus, the spatial mix).
 *
 * <ol>
 *   <li>Latency: Ana stands 200 px from Ben, out of range, playing a 440 Hz tone; one move brings
 *       her to 100 px. Measured from sending that move to the first 10 ms frame of Ben's output
 *       with the tone in it, with the server's {@code voice.join} on the way. Then she steps back
 *       out and waits until the call has ended on both sides. {@code runs} times with warm links
 *       (at 200 px the two are warm: the connection is up, the call only turns audio on), then
 *       {@code runs} times with clients that make none (the connection is set up after
 *       {@code voice.join}, as for someone who arrived too fast to be warm).</li>
 *   <li>CPU: process CPU time (every thread, WebRTC's included) over 20 s with {@code n} clients
 *       standing 170 px apart on a row (no links) and then 30 px apart (n(n-1)/2 links, everyone
 *       playing a tone), for n = 2 and 4. The difference divided by the links is the cost of one link, both ends.</li>
 *   <li>The gap a peer in a call hears when a third person joins the speaker ({@link JoinGap}),
 *       with warm links and without.</li>
 *   <li>Mouth-to-ear latency on a steady link ({@link MouthToEar}).</li>
 * </ol>
 * Usage: {@code VoiceBenchmark [runs] [all|latency|gap|m2e]} (default 20, all).
 */
public final class VoiceBenchmark {
    private VoiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var config = ServerConfig.defaults(Files.createTempDirectory("skyscope-voice-bench")).withPort(0);
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"));
            String part = args.length > 1 ? args[1] : "all";
            if (part.equals("all") || part.equals("latency")) {
                latency(api, runs, true);
                latency(api, runs, false);
            }
            if (part.equals("all") || part.equals("gap")) {
                JoinGap.measure(api, runs, true);
                JoinGap.measure(api, runs, false);
            }
            if (part.equals("all") || part.equals("m2e")) {
                MouthToEar.measure(api, runs);
            }
            if (part.equals("all")) {
                cpu(api, 2);
                cpu(api, 4);
            }
        }
        System.exit(0);
    }

    private static void latency(SkyScopeApi api, int runs, boolean warm) throws Exception {
        try (var ben = warm ? Caller.join(api, "ben") : Caller.joinCold(api, "ben");
             var ana = warm ? Caller.join(api, "ana") : Caller.joinCold(api, "ana")) {
            double[] centre = Measure.openFloor(ben, 260, 0);
            ben.moveTo(centre);
            ana.audio.play(SignalSource.tone(440));
            double[] outside = {centre[0] - 200, centre[1]};
            double[] inside = {centre[0] - 100, centre[1]};
            ana.moveTo(outside);
            var heardAt = new AtomicLong();
            ben.audio.recorder().onFrame(frame -> {
                if (heardAt.get() == 0 && Goertzel.amplitude(frame, 0, Pcm.FRAME, 2, 440, Pcm.SAMPLE_RATE) > 300) {
                    heardAt.set(System.nanoTime());
                }
            });
            long[] total = new long[runs];
            long[] toJoin = new long[runs];
            long[] joinToAudible = new long[runs];
            for (int r = 0; r < runs; r++) {
                Measure.waitUntil(() -> ben.links().isEmpty() && ana.links().isEmpty()
                        && Pcm.rms(ben.audio.recorder().lastMono(200)) < 5);
                if (warm) {
                    Measure.waitUntil(() -> ben.connectedTo(ana) && ana.connectedTo(ben));
                }
                Thread.sleep(500);
                if (warm && ben.engine().audioRtpCounts(ana.userId()).get().packetsReceived() != 0) {
                    throw new IllegalStateException("audio arrived over a warm link");
                }
                heardAt.set(0);
                ben.session.clearInbox();
                // One step of 100 px (within the speed budget) crosses the 128 px join radius.
                ana.joinedAt.set(0);
                long moved = System.nanoTime();
                ana.session.move(inside[0], inside[1]);
                Measure.waitUntil(() -> heardAt.get() != 0);
                total[r] = heardAt.get() - moved;
                ben.session.await(ServerMessage.VoiceJoin.class, Measure.WAIT);
                Measure.waitUntil(() -> ana.joinedAt.get() != 0);
                toJoin[r] = ana.joinedAt.get() - moved;
                joinToAudible[r] = heardAt.get() - ana.joinedAt.get();
                ana.session.move(outside[0], outside[1]);
            }
            System.out.printf(Locale.ROOT, "move into range -> first audible frame, %s, %d runs:%n",
                    warm ? "warm links" : "no warm links", runs);
            System.out.printf(Locale.ROOT, "  total            p50 %4.0f ms  p95 %4.0f ms  min %4.0f  max %4.0f%n",
                    Measure.pct(total, 50, 1e6), Measure.pct(total, 95, 1e6), Measure.pct(total, 0, 1e6), Measure.pct(total, 100, 1e6));
            System.out.printf(Locale.ROOT, "  to voice.join    p50 %4.0f ms  p95 %4.0f ms%n", Measure.pct(toJoin, 50, 1e6), Measure.pct(toJoin, 95, 1e6));
            System.out.printf(Locale.ROOT, "  voice.join -> audible  p50 %4.0f ms  p95 %4.0f ms%n",
                    Measure.pct(joinToAudible, 50, 1e6), Measure.pct(joinToAudible, 95, 1e6));
        }
    }

    private static void cpu(SkyScopeApi api, int n) throws Exception {
        List<Caller> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                // Without warm links, so that "apart" is the engines alone, as it was measured before.
                Caller c = Caller.joinCold(api, "cpu" + n + "x" + i);
                c.audio.play(SignalSource.tone(300 + 100 * i));
                clients.add(c);
            }
            double[] centre = Measure.openFloor(clients.getFirst(), 260, 0);
            // Apart: on the row 170 px from each other, beyond the 160 px leave radius (by way of
            // the centre, which is in a clear line from the spawn).
            for (int i = 0; i < n; i++) {
                clients.get(i).moveTo(centre);
                clients.get(i).moveTo(new double[] {centre[0] + (i - (n - 1) / 2.0) * 170, centre[1]});
            }
            Measure.waitUntil(() -> clients.stream().allMatch(c -> c.links().isEmpty()));
            Thread.sleep(2000);
            double idle = Measure.cpuPercent(20);
            // Together: 30 px apart on one row, everyone within 128 px of everyone.
            for (int i = 0; i < n; i++) {
                clients.get(i).moveTo(new double[] {centre[0] + (i - (n - 1) / 2.0) * 30, centre[1]});
            }
            int links = n * (n - 1) / 2;
            Measure.waitUntil(() -> clients.stream().allMatch(c -> c.links().size() == n - 1
                    && c.links().stream().allMatch(l -> l.state() == LinkState.State.CONNECTED)));
            Thread.sleep(3000);
            double busy = Measure.cpuPercent(20);
            System.out.printf(Locale.ROOT, "%d clients: apart %.1f %% of one core, together (%d links) %.1f %%"
                    + " -> %.1f %% of one core per link (both ends), %.1f %% per link end%n",
                    n, idle, links, busy, (busy - idle) / links, (busy - idle) / links / 2);
        } finally {
            clients.forEach(Caller::close);
        }
    }

}
