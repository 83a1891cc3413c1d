package io.skyscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a process's CPU goes, by thread name, as {@code top -H} shows it: the user plus system
 * time of each of its threads from /proc (Linux), summed over threads whose names differ only in
 * digits (one line for the 100 {@code voice-render} threads, not 100).
 */
final class ThreadCpu {
    private final long pid;
    private final Map<String, Long> before;

    private ThreadCpu(long pid) {
        this.pid = pid;
        this.before = sample(pid);
    }

    /** Starts measuring {@code pid}'s threads now. */
    static ThreadCpu start(long pid) {
        return new ThreadCpu(pid);
    }

    /**
     * The thread groups that used the most CPU since {@link #start}, in percent of one core over
     * {@code seconds}: at most {@code top} of them, as "name 12.3 %, ..." with the thread count.
     */
    String top(double seconds, int top) {
        Map<String, Long> after = sample(pid);
        Map<String, long[]> groups = new HashMap<>();
        after.forEach((thread, ticks) -> {
            String name = thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#");
            long[] g = groups.computeIfAbsent(name, k -> new long[2]);
            g[0] += ticks - before.getOrDefault(thread, 0L);
            g[1]++;
        });
        return groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .map(e -> String.format(Locale.ROOT, "%s ×%d %.1f %%", e.getKey(), e.getValue()[1],
                        e.getValue()[0] / seconds)) // ticks of 10 ms a second = percent
                .collect(Collectors.joining(", "));
    }

    /** Clock ticks (10 ms) of user plus system time by "tid name". */
    private static Map<String, Long> sample(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid, e);
        }
        return ticks;
    }
}
