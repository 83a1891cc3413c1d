package io.skyscope.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis server for a test class: {@code redis-server} in the foreground as a child process
 * on a free port of 127.0.0.1, without persistence, so a restart starts empty (as a Redis that
 * lost its memory would). {@link #kill()} and {@link #start()} stop it hard and bring it back on
 * the same port. A machine without Redis fails the test, naming the Debian package.
 *
 * <p>Register with {@code @RegisterExtension static final RedisServer redis = new RedisServer();},
 * or call {@link #start()} and {@link #close()} directly.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private int port;
    private Path log;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts Redis (again, on the same port after the first start) and returns once it answers PING. */
    public synchronized RedisServer start() {
        Processes.requireOnPath("redis-server", "redis-server");
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        try {
            if (port == 0) {
                port = Processes.freePort();
                log = Files.createTempFile("skyscope-redis-", ".log");
            }
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                return ping();
            });
        } catch (RuntimeException e) {
            Processes.kill(process);
            throw new IllegalStateException("redis-server did not answer on port " + port + " within "
                    + START_TIMEOUT + "; its log:\n" + logText(), e);
        }
        return this;
    }

    /** SIGKILL: Redis disappears at once, with everything it held. */
    public synchronized void kill() {
        Processes.kill(process);
    }

    /** SIGSTOP: Redis keeps its connections open and answers nothing until {@link #resume()}. */
    public synchronized void pause() {
        Processes.signal(process, "STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        Processes.signal(process, "CONT");
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, the form REDIS_URL takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public String logText() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        Processes.stop(process);
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file; the OS cleans it up
            }
        }
    }

    /** An inline PING over a plain socket, without a client library. */
    private boolean ping() throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int n = socket.getInputStream().read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
    }
}
