package io.skyscope.bench;

import io.skyscope.bench.load.LoadBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * The stage benchmark's figures: printed as lines as they are taken, the headline ones gathered
 * into one {@code RESULT key=value ...} line for scripts. Main thread only.
 */
final class StageReport {
    private final int n;
    private final long janusPid;
    private final long serverPid;
    private final StringBuilder result = new StringBuilder("RESULT");

    StageReport(int n, long janusPid, long serverPid) {
        this.n = n;
        this.janusPid = janusPid;
        this.serverPid = serverPid;
        put("listeners", n);
    }

    /** The listeners' clients are up (sessions and voice engines): what that costs this JVM. */
    void created(double seconds) {
        long threads = read("/proc/self/status").lines().filter(l -> l.startsWith("Threads:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        long rss = LoadBenchmark.rssKib(ProcessHandle.current().pid());
        line("%d listeners joined the space with their voice engines in %.1f s; this JVM: %d threads, RSS %d MiB"
                + " (%.1f MiB a client)", n, seconds, threads, rss / 1024, rss / 1024.0 / (n + 2));
        put("bench_threads", threads);
        put("bench_rss_mib", rss / 1024);
    }

    /** Join times and who heard what, once everyone heard both speakers or the wait ran out. */
    void joins(List<StageBenchmark.Listener> listeners) {
        List<Long> first = new ArrayList<>();
        List<Long> both = new ArrayList<>();
        List<Long> toMediaJoin = new ArrayList<>();
        List<Long> mediaJoinToAudible = new ArrayList<>();
        int heardBoth = 0;
        int heardOne = 0;
        int refused = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (var l : listeners) {
            long arrived = l.arrived().get();
            long a = l.ears().firstHeard(0);
            long b = l.ears().firstHeard(1);
            l.errors().forEach(e -> errors.merge(e, 1, Integer::sum));
            if (arrived == 0 || l.mediaJoined().get() == 0) {
                refused++;
                continue;
            }
            toMediaJoin.add(l.mediaJoined().get() - arrived);
            if (a != 0 && b != 0) {
                heardBoth++;
                both.add(Math.max(a, b) - arrived);
            } else if (a != 0 || b != 0) {
                heardOne++;
            }
            if (a != 0 || b != 0) {
                long audible = a == 0 ? b : b == 0 ? a : Math.min(a, b);
                first.add(audible - arrived);
                mediaJoinToAudible.add(audible - l.mediaJoined().get());
            }
        }
        line("arrival in the audience -> first audible frame of a speaker: %s", millis(first));
        line("arrival -> both speakers audible: %s", millis(both));
        line("  arrival -> media.join: %s; media.join -> first audible: %s", millis(toMediaJoin), millis(mediaJoinToAudible));
        line("heard both speakers: %d of %d (%.0f %%); one only: %d; never heard: %d; never sent to the room or"
                + " step refused: %d; errors: %s", heardBoth, n, 100.0 * heardBoth / n, heardOne,
                n - heardBoth - heardOne - refused, refused, errors);
        long[] j = toArray(first);
        put("join_p50_ms", pct(j, 50));
        put("join_p95_ms", pct(j, 95));
        put("join_max_ms", pct(j, 100));
        put("heard_both", heardBoth);
        put("never_heard", n - heardBoth - heardOne - refused);
        put("refused", refused);
    }

    /**
     * Sleeps through the steady window, measuring the CPU of Janus, the server, this JVM and the
     * machine, and where each process's time goes by thread.
     */
    void steadyWindow(int seconds, Pulses[] pulses) throws InterruptedException {
        var janusThreads = ThreadCpu.start(janusPid);
        var serverThreads = ThreadCpu.start(serverPid);
        var ownThreads = ThreadCpu.start(ProcessHandle.current().pid());
        long janus = LoadBenchmark.cpuMillis(janusPid);
        long server = LoadBenchmark.cpuMillis(serverPid);
        long own = LoadBenchmark.ownCpuMillis();
        long[] machine = machineTicks();
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - wall) / 1e9;
        double janusPct = (LoadBenchmark.cpuMillis(janusPid) - janus) / elapsed / 10;
        double serverPct = (LoadBenchmark.cpuMillis(serverPid) - server) / elapsed / 10;
        double ownPct = (LoadBenchmark.ownCpuMillis() - own) / elapsed / 10;
        long[] machineAfter = machineTicks();
        double busy = 100.0 * (machineAfter[0] - machine[0]) / (machineAfter[1] - machine[1]);
        String load = read("/proc/loadavg").trim();
        long onsets = pulses[0].onsetsSince(System.nanoTime() - (long) (elapsed * 1e9));
        line("steady window %.0f s (%d bursts a speaker): Janus %.1f %% of a core, RSS %d MiB; server %.1f %%, RSS %d MiB",
                elapsed, onsets, janusPct, LoadBenchmark.rssKib(janusPid) / 1024, serverPct,
                LoadBenchmark.rssKib(serverPid) / 1024);
        line("this JVM (%d listeners, 2 speakers, the owner): %.1f %% of a core, %.2f %% a listener; RSS %d MiB",
                n, ownPct, ownPct / n, LoadBenchmark.rssKib(ProcessHandle.current().pid()) / 1024);
        line("machine: %.0f %% of its %d cores busy; load average %s", busy, Runtime.getRuntime().availableProcessors(), load);
        line("  Janus threads: %s", janusThreads.top(elapsed, 6));
        line("  server threads: %s", serverThreads.top(elapsed, 6));
        line("  this JVM's threads: %s", ownThreads.top(elapsed, 10));
        put("janus_cpu_pct", janusPct);
        put("janus_rss_mib", LoadBenchmark.rssKib(janusPid) / 1024);
        put("server_cpu_pct", serverPct);
        put("bench_cpu_pct", ownPct);
        put("bench_cpu_per_listener_pct", ownPct / n);
        put("machine_busy_pct", busy);
        put("load1", Double.parseDouble(load.split(" ")[0]));
        put("bursts", onsets);
    }

    /** Latency through the mix over the window, every listener's bursts together. */
    void latency(List<StageBenchmark.Listener> listeners) {
        long[] all = listeners.stream().flatMapToLong(l -> LongStream.of(l.ears().latencies())).toArray();
        long[] medians = listeners.stream().map(l -> l.ears().latencies()).filter(v -> v.length > 0)
                .mapToLong(v -> (long) (pct(v, 50) * 1e6)).toArray();
        int unmatched = listeners.stream().mapToInt(l -> l.ears().unmatched()).sum();
        line("speaker's capture -> listener's speaker, through the mix: %s over %d bursts heard (%d unmatched);"
                + " listeners' medians: %s", millisOf(all), all.length, unmatched, millisOf(medians));
        put("latency_p50_ms", pct(all, 50));
        put("latency_p95_ms", pct(all, 95));
        put("latency_max_ms", pct(all, 100));
        put("bursts_heard", all.length);
    }

    void print() {
        System.out.println(result);
    }

    private static String millis(List<Long> nanos) {
        return millisOf(toArray(nanos));
    }

    private static String millisOf(long[] nanos) {
        if (nanos.length == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d)", pct(nanos, 50), pct(nanos, 95),
                pct(nanos, 100), nanos.length);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Nearest-rank percentile in milliseconds; NaN with no values. */
    private static double pct(long[] nanos, int p) {
        return nanos.length == 0 ? Double.NaN : Measure.pct(nanos, p, 1e6);
    }

    /** Busy and total clock ticks of all cores, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        String[] f = read("/proc/stat").lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private void put(String key, Object value) {
        result.append(' ').append(key).append('=')
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : value);
    }
}
