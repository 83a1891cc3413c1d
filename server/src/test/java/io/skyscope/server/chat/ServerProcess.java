package io.skyscope.server.chat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a separate operating-system process ({@code ServerMain} on this test's class
 * path), so a test can kill it as hard as a power cut would: {@link #kill()} is SIGKILL on Linux.
 * Its output goes to a file in the data directory.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("SkyScope is running at (http://[^/ ]+/)");

    private final Process process;
    private final URI base;

    private ServerProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the server on a free port with its data in {@code dataDir}; returns once it listens. */
    static ServerProcess start(Path dataDir, Map<String, String> env, Duration timeout) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
        var builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", classPath, "io.skyscope.server.ServerMain"))
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
        return new ServerProcess(process, base.get());
    }

    URI base() {
        return base;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
