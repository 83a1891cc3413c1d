package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client cannot hold the server's connections: sockets from one address that send their
 * request headers a line at a time are refused past the per-address cap and cut at the header
 * deadline, while a normal client on the same machine is served at once. The attacker connects
 * from 127.0.0.2 (still loopback), the normal client from 127.0.0.1.
 */
class SlowClientsEndToEndTest {
    private static final int CAP = 20;
    private static final int HEADER_SECONDS = 2;
    private static final int SLOW = 60;
    /** Each slow socket sends one header line per tick, for at most this many ticks (20 s). */
    private static final int MAX_TICKS = 40;
    private static final Duration TICK = Duration.ofMillis(500);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            c -> c.withProtection(c.protection().withConnections(CAP, HEADER_SECONDS, 30)));

    /** When a slow socket was found closed by the server, in ms after it connected; -1 if never. */
    record Outcome(long closedAfterMillis) {
    }

    @Test
    void slowHeaderSocketsAreRefusedAndCutWhileANormalClientIsServed() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        List<Future<Outcome>> slow = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SLOW; i++) {
                slow.add(threads.submit(() -> trickle(attacker)));
            }
            // While the attacker holds what it may, a normal client from the same machine is served at once.
            long start = System.nanoTime();
            HttpResponse<String> health = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

            List<Long> closedAfter = new ArrayList<>();
            for (Future<Outcome> f : slow) {
                closedAfter.add(f.get(60, TimeUnit.SECONDS).closedAfterMillis());
            }
            assertThat(closedAfter).as("every slow socket is closed by the server").doesNotContain(-1L);
            long refusedAtOnce = closedAfter.stream().filter(ms -> ms < HEADER_SECONDS * 1000 / 2).count();
            assertThat(refusedAtOnce).as("past the cap of %d, refused at once: %s", CAP, closedAfter)
                    .isGreaterThanOrEqualTo(SLOW - CAP);
            assertThat(closedAfter).as("the rest are cut at the header deadline, not later")
                    .allMatch(ms -> ms < (HEADER_SECONDS + 5) * 1000L);
        }
        // Once the server has counted its connections closed, the same address is served normally again.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> getHealth(attacker).startsWith("HTTP/1.1 200"));
    }

    /** Connects from {@code from} and sends a request's headers one line per tick until the server closes. */
    private static Outcome trickle(InetAddress from) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connect(from)) {
            socket.setSoTimeout((int) TICK.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int tick = 0; tick < MAX_TICKS; tick++) {
                try {
                    String line = tick == 0 ? "GET /health HTTP/1.1\r\nHost: localhost\r\n"
                            : "X-Slow-" + tick + ": still typing\r\n";
                    out.write(line.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.read(); // end of stream, or an answer to headers that never ended: either way, cut
                    return new Outcome(millisSince(start));
                } catch (SocketTimeoutException stillOpen) {
                    // the tick: nothing from the server yet
                } catch (IOException reset) {
                    return new Outcome(millisSince(start));
                }
            }
            return new Outcome(-1);
        }
    }

    private static String getHealth(InetAddress from) throws IOException {
        try (Socket socket = connect(from)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException refused) {
            return "";
        }
    }

    private static Socket connect(InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", SERVER.server().port()), 10_000);
        return socket;
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
