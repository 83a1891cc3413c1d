package io.skyscope.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a separate operating-system process ({@code ServerMain} on this test's class
 * path), so a test can kill it as hard as a power cut would: {@link #kill()} is SIGKILL on Linux.
 * It listens on a free port of 127.0.0.1 unless {@code env} sets {@code PORT}; its output goes to
 * a file in the data directory ({@link #log()}). Environment variables in {@code env} (e.g.
 * {@code REDIS_URL}, {@code MONGO_URI}, {@code JWT_SECRET}) configure it as in production.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("SkyScope is running at (http://[^/ ]+/)");

    private final Process process;
    private final URI base;
    private final Path log;

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the server with its data in {@code dataDir}; returns once it listens. */
    public static ServerProcess start(Path dataDir, Map<String, String> env, Duration timeout) {
        return start(dataDir, env, List.of(), timeout);
    }

    /** As {@link #start(Path, Map, Duration)}, with these options for its JVM (e.g. {@code -Dname=value}). */
    public static ServerProcess start(Path dataDir, Map<String, String> env, List<String> jvmOptions, Duration timeout) {
        Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Processes.java(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Processes.testClassPath(), "io.skyscope.server.ServerMain"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", "0");
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().putAll(env);
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<URI> base = new AtomicReference<>();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                Matcher m = RUNNING.matcher(Files.readString(log));
                if (m.find()) {
                    base.set(URI.create(m.group(1)));
                }
                return base.get() != null;
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new ServerProcess(process, base.get(), log);
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What the server printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    public void kill() {
        Processes.kill(process);
    }

    /** SIGTERM: the server shuts down in order, as on a planned restart. */
    public void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
