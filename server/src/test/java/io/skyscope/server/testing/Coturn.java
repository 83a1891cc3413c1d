package io.skyscope.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real coturn TURN server for a test class: {@code turnserver} in the foreground as a child
 * process, on free ports of 127.0.0.1, checking credentials with a shared secret
 * ({@code use-auth-secret}), loopback peers allowed (which coturn accepts only with
 * {@code --no-cli}), no TLS. Stopped by its process handle after the class. Also runs
 * {@code turnutils_uclient} against it. A machine without coturn fails the test, naming the
 * Debian package.
 */
public final class Coturn implements BeforeAllCallback, AfterAllCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final String secret;
    private final List<String> log = new ArrayList<>();
    private Path dir;
    private Process process;
    private int port;

    /** What a {@code turnutils_uclient} run printed and how it ended. */
    public record ClientRun(int exitCode, String output) {
        /** Exit code 0 and data went through the relay. */
        public boolean relayed() {
            return exitCode == 0 && output.matches("(?s).*tot_recv_msgs=[1-9].*")
                    && !output.contains("Cannot complete Allocation");
        }
    }

    public Coturn(String secret) {
        this.secret = secret;
    }

    public int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        requireOnPath("turnserver");
        requireOnPath("turnutils_uclient");
        dir = Files.createTempDirectory("skyscope-coturn");
        port = freePort();
        int relayStart = freePort();
        var command = List.of("turnserver", "-n",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--min-port=" + relayStart, "--max-port=" + Math.min(65535, relayStart + 100),
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=skyscope.test",
                "--no-tls", "--no-dtls", "--allow-loopback-peers", "--no-cli",
                "--log-file=stdout", "--simple-log",
                "--pidfile=" + dir.resolve("turnserver.pid"), "--userdb=" + dir.resolve("turndb"));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("coturn-log").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                    }
                    // The last thing coturn starts, after its listeners, relays and auth threads.
                    if (line.contains("IO method (admin thread)")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended; its log so far is kept
            }
        });
        if (!ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stop();
            throw new IllegalStateException("turnserver did not start within " + START_TIMEOUT + "; its log:\n" + log());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        Processes.deleteTree(dir);
    }

    /**
     * Allocates relays with these credentials and sends a few packets client to client through
     * them ({@code turnutils_uclient -y}); killed if it runs longer than 30 s.
     */
    public ClientRun allocate(String username, String password) {
        try {
            Process client = new ProcessBuilder("turnutils_uclient", "-y", "-n", "2",
                    "-u", username, "-w", password, "-p", String.valueOf(port), "127.0.0.1")
                    .redirectErrorStream(true).start();
            var output = new StringBuilder();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    output.append(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append("(output lost: ").append(e.getMessage()).append(')');
                }
            });
            if (!client.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                client.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("turnutils_uclient ran longer than " + CLIENT_TIMEOUT + "; server log:\n" + log());
            }
            reader.join(5000);
            return new ClientRun(client.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    private void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void requireOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new IllegalStateException(command + " is not installed: install the Debian package coturn"
                + " (apt-get install -y coturn); ./skyscope test does this");
    }

    /** A port free for both TCP and UDP on 127.0.0.1 (coturn listens on both). */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (var tcp = new ServerSocket(0, 1, loopback)) {
                int candidate = tcp.getLocalPort();
                try (var udp = new DatagramSocket(candidate, loopback)) {
                    return candidate;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP on 127.0.0.1");
    }
}
