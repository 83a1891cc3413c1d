package io.skyscope.bench.load;

import io.skyscope.bench.BenchmarkMaps;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SpaceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Load on running servers over real sockets: N users in S spaces (on the default office or on a
 * large open floor), each walking with 5 moves a second and chatting now and then, for a warm-up
 * and then a measured window. Prints moves and frames per second, move-to-observer latency
 * (p50/p95/p99, measured by probe users that read every presence frame), and, given the servers'
 * PIDs, their CPU and resident memory per connection. With several servers (nodes sharing Redis and
 * MongoDB) the users are dealt out over them in turn.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.skyscope.bench.load.LoadBenchmark \
 *     --server http://127.0.0.1:8080/[,http://127.0.0.1:8081/] --users 500 --spaces 1 --map office --seconds 60 --server-pid 1234
 * </pre>
 *
 * Runs for a bounded time and stops by itself. Registering thousands of users takes minutes (the
 * server hashes each password with Argon2id); {@code --accounts FILE} keeps their refresh tokens
 * so that later runs against the same server data sign them in without a password.
 */
public final class LoadBenchmark {
    static final int FLOOR_PIXELS = 6400;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        List<URI> servers = java.util.Arrays.stream(a.getOrDefault("server", "http://127.0.0.1:8080/").split(","))
                .map(URI::create).toList();
        int users = Integer.parseInt(a.getOrDefault("users", "500"));
        int spaces = Integer.parseInt(a.getOrDefault("spaces", "1"));
        String mapName = a.getOrDefault("map", "office");
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "20"));
        int probesPerSpace = Integer.parseInt(a.getOrDefault("probes", "10"));
        double movesPerSecond = Double.parseDouble(a.getOrDefault("moves-per-second", "5"));
        int chatEverySeconds = Integer.parseInt(a.getOrDefault("chat-every", "120"));
        long[] serverPids = java.util.Arrays.stream(a.getOrDefault("server-pid", "").split(","))
                .filter(pid -> !pid.isBlank()).mapToLong(Long::parseLong).toArray();
        int sampleEvery = Integer.parseInt(a.getOrDefault("sample-every", "0"));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        var api = new SkyScopeApi(servers.getFirst());
        List<SkyScopeApi> nodes = servers.stream().map(SkyScopeApi::new).toList();
        AuthResponse owner = api.register("load" + run + "o", "violet harbor lantern " + run, "Load owner");
        List<SpaceView> made = new ArrayList<>();
        double[] size = {1920, 1280};
        for (int s = 0; s < spaces; s++) {
            SpaceView space = api.createSpace(owner.accessToken(), "Load " + run + " " + s, "public");
            if (mapName.equals("floor")) {
                uploadFloor(api, owner.accessToken(), space.id());
                size = new double[] {FLOOR_PIXELS, FLOOR_PIXELS};
            } else if (!mapName.equals("office")) {
                throw new IllegalArgumentException("--map is office or floor, got " + mapName);
            }
            made.add(space);
        }
        System.out.printf(Locale.ROOT, "run %s: %d users in %d space(s) on %s, %.0f moves/s each, chat every %d s%n",
                run, users, spaces, mapName, movesPerSecond, chatEverySeconds);
        long rssBefore = rssKib(serverPids);

        Path accountFile = a.containsKey("accounts") ? Path.of(a.get("accounts")) : null;
        List<AuthResponse> accounts = accounts(api, accountFile, run, users);
        if (Boolean.parseBoolean(a.getOrDefault("sign-in-only", "false"))) {
            return;
        }
        var stats = new LoadStats();
        Map<String, LoadBot> byId = new ConcurrentHashMap<>();
        List<LoadBot> bots = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            if (i % 500 == 0) {
                clients.add(HttpClient.newHttpClient());
            }
            AuthResponse account = accounts.get(i);
            boolean probe = i / spaces < probesPerSpace;
            var bot = new LoadBot(account.userId(), probe, stats, byId, i);
            byId.put(account.userId(), bot);
            bots.add(bot);
            joined.add(bot.connect(clients.getLast(), nodes.get(i % nodes.size()).webSocketUri(account.accessToken()),
                    made.get(i % spaces).id(), size[0], size[1], movesPerSecond));
            if (i % 100 == 99) {
                CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).join();
            }
        }
        CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).join();
        System.out.printf(Locale.ROOT, "%d users connected and joined%n", users);

        long runEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup + seconds);
        List<Thread> walkers = new ArrayList<>();
        for (LoadBot bot : bots) {
            walkers.add(Thread.ofVirtual().start(() -> walk(bot, movesPerSecond, chatEverySeconds, runEnd)));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        long moves0 = stats.moves.sum();
        long frames0 = stats.frames.sum();
        long chars0 = stats.chars.sum();
        long chats0 = stats.chats.sum();
        long cpu0 = cpuMillis(serverPids);
        long ownCpu0 = ownCpuMillis();
        long t0 = System.nanoTime();
        stats.measuring(true);
        sleepAndSample(seconds, sampleEvery, serverPids, servers, stats);
        stats.measuring(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuMillis(serverPids) - cpu0;
        long ownCpu = ownCpuMillis() - ownCpu0;
        long rssAfter = rssKib(serverPids);
        for (Thread t : walkers) {
            t.join();
        }
        double[] p = stats.percentiles();
        System.out.printf(Locale.ROOT, "measured %.0f s: moves sent %.0f/s, chats %.1f/s, frames received %.0f/s (%.1f MB/s)%n",
                elapsed, (stats.moves.sum() - moves0) / elapsed, (stats.chats.sum() - chats0) / elapsed,
                (stats.frames.sum() - frames0) / elapsed, (stats.chars.sum() - chars0) / elapsed / 1e6);
        System.out.printf(Locale.ROOT, "move to observer: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%.0f samples)%n",
                p[0], p[1], p[2], p[3], p[4]);
        if (serverPids.length > 0) {
            System.out.printf(Locale.ROOT, "server: %.0f %% of a core (%.2f ms CPU per second per connection), "
                            + "RSS %d MiB (%.0f KiB per connection over the idle server's %d MiB)%n",
                    cpu / elapsed / 10, cpu / elapsed / users, rssAfter / 1024, (rssAfter - rssBefore) / (double) users,
                    rssBefore / 1024);
        }
        System.out.printf(Locale.ROOT, "load generator: %.0f %% of a core; corrections %d %s, errors %d, closes %d%n",
                ownCpu / elapsed / 10, stats.corrections(), new java.util.TreeMap<>(stats.correctionReasons),
                stats.errors.sum(), stats.closes.sum());
        stats.firstProblems.forEach(s -> System.out.println("  problem: " + s));
        bots.forEach(LoadBot::close);
        clients.forEach(HttpClient::close);
    }

    /**
     * {@code n} signed-in users. Those listed in {@code file} (username and refresh token a line,
     * from an earlier run against the same data) sign in with their refresh token, which costs the
     * server no password hash; the rest are registered, a few at a time (each costs an Argon2id
     * hash). The file is rewritten with the new refresh tokens.
     */
    static List<AuthResponse> accounts(SkyScopeApi api, Path file, String run, int n) throws IOException {
        long started = System.nanoTime();
        List<String> known = file != null && Files.exists(file) ? Files.readAllLines(file) : List.of();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<CompletableFuture<AuthResponse>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "load" + run + "u" + i;
                String refresh = i < known.size() ? known.get(i).split(" ")[1] : null;
                done.add(CompletableFuture.supplyAsync(() -> refresh != null ? api.refresh(refresh)
                        : api.register(name, "violet harbor lantern " + run, name), pool));
            }
            List<AuthResponse> accounts = done.stream().map(CompletableFuture::join).toList();
            if (file != null) {
                List<String> lines = new ArrayList<>(accounts.stream().map(r -> r.username() + " " + r.refreshToken()).toList());
                lines.addAll(known.subList(Math.min(n, known.size()), known.size()));
                Files.write(file, lines);
            }
            System.out.printf(Locale.ROOT, "%d users signed in (%d by refresh token, %d registered) in %.0f s%n", n,
                    Math.min(n, known.size()), Math.max(0, n - known.size()), (System.nanoTime() - started) / 1e9);
            return accounts;
        }
    }

    /** A bot's life: moves at a fixed rate from a random phase, a chat line now and then, until {@code end}. */
    private static void walk(LoadBot bot, double movesPerSecond, int chatEverySeconds, long end) {
        long period = (long) (1e9 / movesPerSecond);
        var random = new java.util.Random(bot.userId.hashCode());
        long next = System.nanoTime() + (long) (random.nextDouble() * period);
        long nextChat = System.nanoTime() + (long) (random.nextDouble() * chatEverySeconds * 1e9);
        try {
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                bot.step();
                if (chatEverySeconds > 0 && System.nanoTime() >= nextChat) {
                    bot.chat("load line " + next);
                    nextChat += (long) (chatEverySeconds * 1e9);
                }
                // A walker that fell behind (a busy machine) skips the missed steps, as a person's
                // client would: catching up in a burst would walk faster than the speed limit.
                next = Math.max(next + period, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A closed socket ends this bot; the count of closes says so in the report.
        }
    }

    /** Puts the open floor of 200 x 200 tiles ({@link #FLOOR_PIXELS} square, spawn in the middle) in a space. */
    static void uploadFloor(SkyScopeApi api, String accessToken, String spaceId) {
        api.uploadMap(accessToken, spaceId, BenchmarkMaps.openFloorTmj(200, 200).getBytes(StandardCharsets.UTF_8),
                Map.of("floor.png", BenchmarkMaps.floorPng()));
    }

    /**
     * The measured window; every {@code every} seconds (if not 0) a line with the servers' resident
     * memory and the latency so far, to see whether memory stays flat over a long run.
     */
    private static void sleepAndSample(int seconds, int every, long[] pids, List<URI> servers, LoadStats stats)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            long left = end - System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(every > 0 ? Math.min(left, TimeUnit.SECONDS.toNanos(every)) : left);
            if (every > 0 && System.nanoTime() < end) {
                double[] p = stats.percentiles();
                System.out.printf(Locale.ROOT,
                        "  at %4.0f s: server RSS %d MiB, live heap after the last GC %.0f MiB, p50 %.1f ms, p99 %.1f ms, closes %d%n",
                        (System.nanoTime() - started) / 1e9, rssKib(pids) / 1024, liveHeapBytes(servers) / 1048576.0,
                        p[0], p[2], stats.closes.sum());
            }
        }
    }

    /** The servers' {@code jvm_gc_live_data_size_bytes} from /metrics, summed: heap still in use after a GC. */
    private static double liveHeapBytes(List<URI> servers) {
        double sum = 0;
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (URI server : servers) {
                String metrics = http.send(java.net.http.HttpRequest.newBuilder(server.resolve("metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                sum += metrics.lines().filter(l -> l.startsWith("jvm_gc_live_data_size_bytes "))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sum;
    }

    /** User plus system CPU time of processes, from /proc (Linux), in milliseconds. */
    public static long cpuMillis(long... pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += cpuMillis(pid);
        }
        return sum;
    }

    private static long cpuMillis(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), in clock ticks of 10 ms; f[0] is field 3.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** Resident memory of processes in KiB, from /proc (Linux). */
    public static long rssKib(long... pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += rssKib(pid);
        }
        return sum;
    }

    private static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    public static long ownCpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1_000_000;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is the server's PID right?)", e);
        }
    }

    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("options are --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
