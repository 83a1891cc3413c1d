package io.skyscope.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB endpoint in a process of its own, for tests of several server nodes: the embedded
 * mongo-java-server ({@link StoreMain}) on a free port of 127.0.0.1, reached with
 * {@link #uri()} as {@code MONGO_URI}. {@link #stop()} (SIGTERM) or {@link #kill()} and
 * {@link #start()} take it away and bring it back on the same port with the same data.
 *
 * <p>Register with {@code @RegisterExtension static final StoreProcess store = new StoreProcess();},
 * or call {@link #start()} and {@link #close()} directly.
 */
public final class StoreProcess implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private int port;
    private Path dir;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the store (again, on the same port and data after the first start); returns once it listens. */
    public synchronized StoreProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the store is already running on port " + port);
        }
        Path log;
        try {
            if (port == 0) {
                port = Processes.freePort();
                dir = Files.createTempDirectory("skyscope-store-process-");
            }
            log = dir.resolve("store.log");
            process = new ProcessBuilder(List.of(Processes.java(), "-Xmx256m", "-cp", Processes.testClassPath(),
                    StoreMain.class.getName(), String.valueOf(port), dir.resolve("data").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expected = "store listening on 127.0.0.1:" + port;
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the store exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                return Files.readString(log).contains(expected);
            });
        } catch (RuntimeException e) {
            Processes.kill(process);
            throw e;
        }
        return this;
    }

    /** SIGTERM: the store closes its file and exits. */
    public synchronized void stop() {
        Processes.stop(process);
    }

    /** SIGKILL: up to 50 ms of writes may be lost. */
    public synchronized void kill() {
        Processes.kill(process);
    }

    public int port() {
        return port;
    }

    /** The {@code MONGO_URI} that reaches this store. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port + "/skyscope?directConnection=true&serverSelectionTimeoutMS=3000";
    }

    @Override
    public synchronized void close() {
        stop();
        EmbeddedMongo.deleteTree(dir);
    }
}
