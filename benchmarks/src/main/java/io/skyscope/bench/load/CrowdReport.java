package io.skyscope.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The crowd benchmark's report: one line per figure as it is given, and at the end one
 * {@code RESULT key=value ...} line with the headline figures for scripts. Main thread only.
 */
final class CrowdReport {
    private final StringBuilder result = new StringBuilder("RESULT");
    private final int users;
    private final double elapsed;

    CrowdReport(int users, String presence, String client, double elapsed) {
        this.users = users;
        this.elapsed = elapsed;
        put("users", users);
        put("presence", presence);
        put("client", client);
    }

    private void put(String key, Object value) {
        result.append(' ').append(key).append('=').append(value instanceof Double d ? format(d) : value);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
    }

    private static void line(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }

    void traffic(List<CrowdUser> users, LoadStats stats, long frames, long chars, long skippedSlots) {
        long moves = users.stream().mapToLong(CrowdUser::windowMoves).sum();
        line("window: %.1f s", elapsed);
        line("moves sent: %.0f/s", moves / elapsed);
        line("frames received: %.0f/s (all users)", frames / elapsed);
        line("bytes received: %.2f MB/s (all users; text counted in characters)", chars / elapsed / 1e6);
        line("walk thread: %d slots of 1 ms skipped (more than a period late)", skippedSlots);
        put("movesPerS", moves / elapsed);
        put("framesPerS", frames / elapsed);
        put("kBPerS", chars / elapsed / 1e3);
    }

    void observers(List<CrowdUser> users, List<CrowdObserver> observers) {
        long allMoves = users.stream().mapToLong(CrowdUser::windowMoves).sum();
        var pooled = new Samples();
        double deliverySum = 0;
        long binary = 0;
        long json = 0;
        for (CrowdObserver o : observers) {
            double[] p = o.latencies.percentiles();
            line("latency, observer %d (join #%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%.0f samples)",
                    observers.indexOf(o), o.user.index + 1, p[0], p[1], p[2], p[3], p[4]);
            pooled.addAll(o.latencies);
            long expected = allMoves - o.user.windowMoves();
            double delivery = expected == 0 ? Double.NaN : o.delivered() / (double) expected;
            deliverySum += delivery;
            line("delivery, observer %d: %.2f %% (%d of the %d moves others sent in the window)",
                    observers.indexOf(o), 100 * delivery, o.delivered(), expected);
            line("received, observer %d: %s", observers.indexOf(o), o.encodings());
            binary += o.binaryEntries();
            json += o.jsonEntries();
        }
        double[] p = pooled.percentiles();
        line("latency, pooled: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%.0f samples)", p[0], p[1], p[2],
                p[3], p[4]);
        double delivery = deliverySum / observers.size();
        line("delivery, mean: %.2f %%", 100 * delivery);
        String received = binary > 0 ? (json > 0 ? "both" : "binary") : json > 0 ? "json" : "none";
        line("encoding received: %s", received);
        put("received", received);
        put("p50", p[0]);
        put("p95", p[1]);
        put("p99", p[2]);
        put("max", p[3]);
        put("delivery", String.format(Locale.ROOT, "%.4f", delivery));
    }

    void ages(NearestAges ages) {
        double[] p = ages.ages.percentiles();
        line("nearest-%d age: p50 %.1f ms, p99 %.1f ms (%.0f samples; %d unknown or older than the ring's %.1f s, "
                        + "counted as %.1f s)", CrowdBenchmark.NEAREST, p[0], p[2], p[4], ages.capped(),
                ages.ringSpanNanos / 1e9, ages.ringSpanNanos / 1e9);
        put("age32p50", p[0]);
        put("age32p99", p[2]);
    }

    void server(long cpuMillis, long connected, long rssKib, long idleRssKib) {
        double cpuPct = cpuMillis / elapsed / 10;
        double msPerUserS = cpuMillis / elapsed / connected;
        line("server CPU: %.0f %% of a core", cpuPct);
        line("server CPU per connected user: %.3f ms per second (%d connected)", msPerUserS, connected);
        line("server RSS: %d MiB (idle %d MiB)", rssKib / 1024, idleRssKib / 1024);
        line("server RSS per user: %.0f KiB", rssKib / (double) users);
        line("server RSS over idle per user: %.0f KiB", (rssKib - idleRssKib) / (double) users);
        put("cpuPct", cpuPct);
        put("cpuMsPerUserS", msPerUserS);
        put("rssMiB", rssKib / 1024);
        put("rssKiBPerUser", rssKib / (double) users);
        put("rssOverIdleKiBPerUser", (rssKib - idleRssKib) / (double) users);
    }

    void generator(long cpuMillis, double rampPct, LoadStats stats, long failedJoins) {
        line("load generator CPU: %.0f %% of a core in the window, %.0f %% during the joins and settle",
                cpuMillis / elapsed / 10, rampPct);
        line("corrections: %d %s", stats.corrections(), new TreeMap<>(stats.correctionReasons));
        line("errors: %d", stats.errors.sum());
        line("closes: %d", stats.closes.sum());
        line("failed joins: %d", failedJoins);
        stats.firstProblems.forEach(s -> line("  problem: %s", s));
        put("genCpuPct", cpuMillis / elapsed / 10);
        put("corrections", stats.corrections());
        put("errors", stats.errors.sum());
        put("closes", stats.closes.sum());
        put("failedJoins", failedJoins);
    }

    void printResult() {
        System.out.println(result);
    }
}
