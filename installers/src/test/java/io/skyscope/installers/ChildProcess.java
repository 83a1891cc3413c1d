package io.skyscope.installers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A program a test starts and stops itself, by its own process handle: output (stdout and stderr
 * together) is collected line by line by a reader thread; {@link #close()} stops it (TERM, then
 * KILL after 10 s) together with any processes it started.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; what it printed is kept
            }
        });
    }

    /** Starts {@code command} in {@code dir} with the environment changed by {@code env} (null values remove). */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir) {
        var builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        try {
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.getFirst() + ")", e);
        }
    }

    /** Everything printed so far. */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Waits until a printed line matches; fails early, with the output, if the process ends first. */
    String awaitLine(Predicate<String> match, Duration timeout) {
        String[] found = new String[1];
        Awaitility.await(name + " to print the expected line").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    synchronized (lines) {
                        found[0] = lines.stream().filter(match).findFirst().orElse(null);
                    }
                    if (found[0] == null && !process.isAlive()) {
                        throw new AssertionError(name + " ended with " + process.exitValue() + " before printing"
                                + " the expected line; it printed:\n" + output());
                    }
                    return found[0] != null;
                });
        return found[0];
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not end within " + timeout + "; it printed:\n" + output());
            }
            reader.join(Duration.ofSeconds(10)); // it has read the last lines when it ends
            return process.exitValue();
        } catch (InterruptedException e) {
            throw new AssertionError("waiting for " + name + ": " + e, e);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
