package io.skyscope.bench;

import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceProcessing;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Proximity voice, end to end through a real server (in this JVM, default configuration: 320 px/s,
 * hearing from 128 px, 300 ms debounce) and headless voice clients (WebRTC, Opus, the spatial mix).
 *
 * <ol>
 *   <li>Latency: Ana stands 200 px from Ben, out of range, playing a 440 Hz tone; one move brings
 *       her to 100 px. Measured from sending that move to the first 10 ms frame of Ben's output
 *       with the tone in it, with the server's {@code voice.join} and the connection on the way.
 *       Then she steps back out and waits for both sides to close the link. {@code runs} times.</li>
 *   <li>CPU: process CPU time (every thread, WebRTC's included) over 20 s with {@code n} clients
 *       standing 170 px apart on a row (no links) and then 30 px apart (n(n-1)/2 links, everyone
 *       playing a tone), for n = 2 and 4. The difference divided by the links is the cost of one link, both ends.</li>
 * </ol>
 * Usage: {@code VoiceBenchmark [runs]} (default 20).
 */
public final class VoiceBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private VoiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var config = ServerConfig.defaults(Files.createTempDirectory("skyscope-voice-bench")).withPort(0);
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"));
            latency(api, runs);
            cpu(api, 2);
            cpu(api, 4);
        }
        System.exit(0);
    }

    private static void latency(SkyScopeApi api, int runs) throws Exception {
        try (var ben = Client.join(api, "ben"); var ana = Client.join(api, "ana")) {
            double[][] row = row(ben, 4);
            double[] centre = row[0];
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
            long[] toConnected = new long[runs];
            for (int r = 0; r < runs; r++) {
                waitUntil(() -> ben.links().isEmpty() && ana.links().isEmpty()
                        && Pcm.rms(ben.audio.recorder().lastMono(200)) < 5);
                Thread.sleep(500);
                heardAt.set(0);
                ben.session.clearInbox();
                // One step of 100 px (within the speed budget) crosses the 128 px join radius.
                long moved = System.nanoTime();
                ana.session.move(inside[0], inside[1]);
                waitUntil(() -> heardAt.get() != 0);
                total[r] = heardAt.get() - moved;
                ben.session.await(ServerMessage.VoiceJoin.class, WAIT);
                toJoin[r] = ana.joinedAt.get() - moved;
                LinkState link = ben.voice.engine().snapshot().link(ana.session.userId());
                toConnected[r] = link == null ? -1 : toJoin[r] + link.setupMillis() * 1_000_000;
                ana.session.move(outside[0], outside[1]);
            }
            System.out.printf(Locale.ROOT, "move into range -> first audible frame, %d runs:%n", runs);
            System.out.printf(Locale.ROOT, "  total            p50 %4.0f ms  p95 %4.0f ms  min %4.0f  max %4.0f%n",
                    pct(total, 50), pct(total, 95), pct(total, 0), pct(total, 100));
            System.out.printf(Locale.ROOT, "  to voice.join    p50 %4.0f ms  p95 %4.0f ms%n", pct(toJoin, 50), pct(toJoin, 95));
            System.out.printf(Locale.ROOT, "  to connected     p50 %4.0f ms  p95 %4.0f ms%n", pct(toConnected, 50),
                    pct(toConnected, 95));
        }
    }

    private static void cpu(SkyScopeApi api, int n) throws Exception {
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Client c = Client.join(api, "cpu" + n + "x" + i);
                c.audio.play(SignalSource.tone(300 + 100 * i));
                clients.add(c);
            }
            double[] centre = row(clients.getFirst(), n)[0];
            // Apart: on the row 170 px from each other, beyond the 160 px leave radius (by way of
            // the centre, which is in a clear line from the spawn).
            for (int i = 0; i < n; i++) {
                clients.get(i).moveTo(centre);
                clients.get(i).moveTo(new double[] {centre[0] + (i - (n - 1) / 2.0) * 170, centre[1]});
            }
            waitUntil(() -> clients.stream().allMatch(c -> c.links().isEmpty()));
            Thread.sleep(2000);
            double idle = cpuPercent(20);
            // Together: 30 px apart on one row, everyone within 128 px of everyone.
            for (int i = 0; i < n; i++) {
                clients.get(i).moveTo(new double[] {centre[0] + (i - (n - 1) / 2.0) * 30, centre[1]});
            }
            int links = n * (n - 1) / 2;
            waitUntil(() -> clients.stream().allMatch(c -> c.links().size() == n - 1
                    && c.links().stream().allMatch(l -> l.state() == LinkState.State.CONNECTED)));
            Thread.sleep(3000);
            double busy = cpuPercent(20);
            System.out.printf(Locale.ROOT, "%d clients: apart %.1f %% of one core, together (%d links) %.1f %%"
                    + " -> %.1f %% of one core per link (both ends), %.1f %% per link end%n",
                    n, idle, links, busy, (busy - idle) / links, (busy - idle) / links / 2);
        } finally {
            clients.forEach(Client::close);
        }
    }

    /** Process CPU over {@code seconds}, in percent of one core. */
    private static double cpuPercent(int seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
    }

    /** An open-space centre near the client with a clear row of 260 px either side. */
    private static double[][] row(Client client, int people) {
        var snapshot = client.session.snapshot();
        TiledMap map = io.skyscope.map.TiledMapParser.parse(
                snapshot.map().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var me = snapshot.self();
        for (int radius = 0; radius < 1000; radius += 16) {
            for (int deg = 0; deg < 360; deg += radius == 0 ? 360 : 10) {
                double x = me.x() + Math.cos(Math.toRadians(deg)) * radius;
                double y = me.y() + Math.sin(Math.toRadians(deg)) * radius;
                if (clear(map, x - 260, y, x + 260, y) && clear(map, me.x(), me.y(), x, y)) {
                    return new double[][] {{x, y}};
                }
            }
        }
        throw new IllegalStateException("no open space for " + people + " people");
    }

    private static boolean clear(TiledMap map, double x1, double y1, double x2, double y2) {
        boolean inside = x1 > 0 && y1 > 0 && x2 > 0 && y2 > 0 && x1 < map.pixelWidth() && x2 < map.pixelWidth()
                && y1 < map.pixelHeight() && y2 < map.pixelHeight();
        return inside && map.collision().walkable(x1, y1) && map.collision().walkable(x2, y2)
                && map.areaAt(x1, y1).isEmpty() && map.areaAt(x2, y2).isEmpty()
                && map.collision().segmentClear(x1, y1, x2, y2);
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting at "
                        + StackWalker.getInstance().walk(f -> f.skip(1).findFirst().map(Object::toString).orElse("?")));
            }
            Thread.sleep(2);
        }
    }

    /** A headless voice client. */
    private static final class Client implements AutoCloseable {
        final Session session;
        final HeadlessAudio audio = new HeadlessAudio();
        final SessionVoice voice;
        final AtomicLong joinedAt = new AtomicLong();

        private Client(SkyScopeApi api, String name) {
            String user = name + System.nanoTime() % 1_000_000;
            session = Session.open(api, new Session.Credentials(user, "violet harbor lantern " + user, name), "office");
            session.onMessage(m -> {
                if (m instanceof ServerMessage.VoiceJoin) {
                    joinedAt.set(System.nanoTime());
                }
            });
            var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
            voice = SessionVoice.attach(session, config, audio, null, null);
            waitForMap();
        }

        static Client join(SkyScopeApi api, String name) {
            return new Client(api, name);
        }

        private void waitForMap() {
            try {
                waitUntil(() -> session.snapshot().map() != null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<LinkState> links() {
            return voice.engine().snapshot().links();
        }

        /** Walks there at the speed limit and waits until the server has applied it. */
        void moveTo(double[] to) throws InterruptedException {
            io.skyscope.client.Walker.walk(session, to[0], to[1]);
            String ref = "confirm-" + System.nanoTime();
            session.send(new ClientMessage.StatusChange(Status.AVAILABLE, null, ref));
            session.await(ServerMessage.Ack.class, a -> ref.equals(a.ref()), WAIT);
        }

        @Override
        public void close() {
            voice.close();
            session.close();
        }
    }
}
