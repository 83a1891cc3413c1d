package io.skyscope.bench.load;

import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SpaceView;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A crowd in one space: N users join the open floor at 40 a second (everyone at the spawn), then
 * each walks a random walk of whole-pixel steps (up to 6 px on each axis) 5 times a second on an
 * absolute schedule. After a settle, a measured window: move-to-observer latency and delivery as
 * four observers (the first, a third, two thirds and the last to join) see them, the age of what
 * each observer knows of its 32 nearest people, the server's CPU and resident memory, and the
 * load generator's own CPU. The other users read and discard their frames. With
 * {@code --presence binary} the users ask for the compact position encoding ({@link PositionFrame});
 * the report says which encoding actually arrived. {@code --client raw} (the default) reads with
 * {@link RawSocket}, which skips what it does not keep; {@code --client jdk} with the JDK's
 * WebSocket, which decodes every text frame (measured as the dearer of the two, see
 * docs/benchmarks.md).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.skyscope.bench.load.CrowdBenchmark --server http://127.0.0.1:18181/ \
 *     --server-pid 1234 --idle-rss-kib 300000 --users 400 --seconds 60 --presence json --accounts accounts.txt
 * </pre>
 *
 * {@code scripts/crowd.sh} runs it over a list of N, a fresh server for each. The last line is a
 * machine-readable {@code RESULT}. Runs for a bounded time and stops by itself.
 */
public final class CrowdBenchmark {
    static final int NEAREST = 32;
    private static final int GRACE_SECONDS = 2;

    /** The measured window, by the time a move was sent: set by the main thread, read by all. */
    static final class Window {
        private volatile long start = Long.MAX_VALUE;
        private volatile long end = Long.MAX_VALUE;

        boolean contains(long sentNanos) {
            return sentNanos >= start && sentNanos < end;
        }
    }

    private CrowdBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = LoadBenchmark.options(args);
        var api = new SkyScopeApi(URI.create(a.getOrDefault("server", "http://127.0.0.1:8080/")));
        int n = Integer.parseInt(a.getOrDefault("users", "100"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int settle = Integer.parseInt(a.getOrDefault("settle", "5"));
        double joinsPerSecond = Double.parseDouble(a.getOrDefault("joins-per-second", "40"));
        double movesPerSecond = Double.parseDouble(a.getOrDefault("moves-per-second", "5"));
        String client = a.getOrDefault("client", "raw");
        if (!client.equals("raw") && !client.equals("jdk")) {
            throw new IllegalArgumentException("--client is raw or jdk, got " + client);
        }
        String presence = a.getOrDefault("presence", "json");
        if (!presence.equals("json") && !presence.equals("binary")) {
            throw new IllegalArgumentException("--presence is json or binary, got " + presence);
        }
        long pid = Long.parseLong(a.getOrDefault("server-pid", "0"));
        if (n < 4 || pid <= 0) {
            throw new IllegalArgumentException("--users (at least 4) and --server-pid are needed");
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Path accountFile = a.containsKey("accounts") ? Path.of(a.get("accounts")) : null;
        List<AuthResponse> accounts = LoadBenchmark.accounts(api, accountFile, run, n);
        if (Boolean.parseBoolean(a.getOrDefault("sign-in-only", "false"))) {
            return;
        }
        long idleRss = a.containsKey("idle-rss-kib") ? Long.parseLong(a.get("idle-rss-kib")) : LoadBenchmark.rssKib(pid);
        AuthResponse owner = api.register("crowd" + run + "o", "violet harbor lantern " + run, "Crowd owner");
        SpaceView space = api.createSpace(owner.accessToken(), "Crowd " + run, "public");
        LoadBenchmark.uploadFloor(api, owner.accessToken(), space.id());
        System.out.printf(Locale.ROOT, "run %s: %d users in one space on the open floor, presence %s asked for, "
                        + "%.0f joins/s, %.0f moves/s each, settle %d s, window %d s, %s WebSocket client%n",
                run, n, presence, joinsPerSecond, movesPerSecond, settle, seconds, client);

        var stats = new LoadStats();
        var window = new Window();
        Map<String, CrowdUser> byId = new HashMap<>();
        List<CrowdUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var u = new CrowdUser(i, accounts.get(i).userId(), stats, window, LoadBenchmark.FLOOR_PIXELS,
                    LoadBenchmark.FLOOR_PIXELS);
            users.add(u);
            byId.put(u.userId, u);
        }
        Set<Integer> observerIndexes = new LinkedHashSet<>(List.of(0, n / 3, 2 * n / 3, n - 1));
        List<CrowdObserver> observers = new ArrayList<>();
        for (int i : observerIndexes) {
            var o = new CrowdObserver(users.get(i), Map.copyOf(byId), n, window);
            users.get(i).observeWith(o);
            observers.add(o);
        }

        var walk = new CrowdWalk(movesPerSecond);
        Thread walker = Thread.ofPlatform().name("crowd-walk").start(walk);
        long genCpu0 = LoadBenchmark.ownCpuMillis();
        long rampStart = System.nanoTime();
        List<HttpClient> clients = new ArrayList<>();
        // Observers are read by a thread of their own, so that their receipt times do not wait for the crowd's reads.
        var observerReads = new RawSocket.Group("crowd-observer-reads");
        var crowdReads = new RawSocket.Group("crowd-reads");
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long wait = rampStart + (long) (i * 1e9 / joinsPerSecond) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            CrowdUser u = users.get(i);
            URI uri = api.webSocketUri(accounts.get(i).accessToken());
            uri = presence.equals("binary") ? URI.create(uri + "&presence=binary") : uri;
            CompletableFuture<Void> join;
            if (client.equals("raw")) {
                join = u.connect(observerIndexes.contains(i) ? observerReads : crowdReads, uri, space.id());
            } else {
                if (i % 500 == 0) {
                    clients.add(HttpClient.newHttpClient());
                }
                join = u.connect(clients.getLast(), uri, space.id());
            }
            joins.add(join.whenComplete((ok, e) -> {
                if (e == null) {
                    walk.add(u);
                } else {
                    stats.note("join failed: " + e + " (" + u.joinProgress() + ")");
                }
            }));
        }
        CompletableFuture.allOf(joins.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new)).join();
        long failedJoins = joins.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
        System.out.printf(Locale.ROOT, "joined: %d of %d in %.1f s (%d failed)%n", n - failedJoins, n, rampSeconds,
                failedJoins);
        TimeUnit.SECONDS.sleep(settle);

        long frames0 = stats.frames.sum();
        long chars0 = stats.chars.sum();
        long genCpu1 = LoadBenchmark.ownCpuMillis();
        long cpu0 = LoadBenchmark.cpuMillis(pid);
        long t0 = System.nanoTime();
        window.start = t0;
        window.end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        var ages = new NearestAges(users, observers, CrowdUser.RING * (long) (1e9 / movesPerSecond));
        ages.sampleUntil(window.end);
        long cpu = LoadBenchmark.cpuMillis(pid) - cpu0;
        long genCpu = LoadBenchmark.ownCpuMillis() - genCpu1;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long frames = stats.frames.sum() - frames0;
        long chars = stats.chars.sum() - chars0;
        long rss = LoadBenchmark.rssKib(pid);
        // Moves sent near the end may still be on their way: observers keep counting them a while.
        TimeUnit.SECONDS.sleep(GRACE_SECONDS);
        walk.stop();
        walker.join();

        var report = new CrowdReport(n, presence, client, elapsed);
        report.traffic(users, stats, frames, chars, walk.skippedSlots());
        report.observers(users, observers);
        report.ages(ages);
        report.server(cpu, n - failedJoins, rss, idleRss);
        report.generator(genCpu, (genCpu1 - genCpu0) / (rampSeconds + settle) / 10, stats, failedJoins);
        report.printResult();

        CompletableFuture.allOf(users.stream().map(CrowdUser::close).toArray(CompletableFuture[]::new))
                .orTimeout(15, TimeUnit.SECONDS).exceptionally(e -> null).join();
        clients.forEach(HttpClient::shutdownNow);
        observerReads.close();
        crowdReads.close();
    }
}
