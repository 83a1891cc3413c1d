package io.skyscope.bench;

import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chat throughput and latency end to end: one sender posts to the {@code space} channel of a space
 * where {@code receivers} other people are present, through a real server (started in this JVM on
 * a fresh embedded store) and real WebSocket clients. The sender keeps up to {@code window} sends
 * unacknowledged. A message counts as persisted when its {@code chat.ack} arrives (acks are sent
 * only after the group-commit flush) and as delivered when every receiver has it.
 *
 * <p>Usage: {@code ChatLoadBenchmark <receivers> <messages> [window]}. The rate limits are raised
 * for the sender; everything else is the server's default configuration.
 */
public final class ChatLoadBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ChatLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int receivers = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path dir = Files.createTempDirectory("skyscope-chat-bench");
        var config = ServerConfig.defaults(dir).withPort(0)
                .withChat(new ServerConfig.ChatTuning(1_000_000, 1_000_000));
        // Every client comes from 127.0.0.1.
        config = config.withProtection(config.protection().withConnections(1_000_000, 10, 30)
                .withRegistrations(1_000_000, 1_000_000));
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            run(server.port(), receivers, messages, window);
        }
    }

    private static void run(int port, int receivers, int messages, int window) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + port + "/"), http);
        long setup = System.nanoTime();
        List<AuthResponse> users = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<AuthResponse>> registered = new ArrayList<>();
            for (int i = 0; i <= receivers; i++) {
                int n = i;
                registered.add(pool.submit(() -> api.register("bench" + n, "bench of amber kites " + n, "Bench " + n)));
            }
            for (var f : registered) {
                users.add(f.get());
            }
        }
        String spaceId = api.createSpace(users.getFirst().accessToken(), "Chat bench", "public").id();

        long[] sentAt = new long[messages];
        long[] ackLatency = new long[messages];
        var delivered = new LongAdder();
        var deliveryLatencies = new ConcurrentLinkedQueue<Long>();
        var closed = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Future<Connection>> joined = new ArrayList<>();
            for (int i = 1; i <= receivers; i++) {
                AuthResponse user = users.get(i);
                joined.add(pool.submit(() -> join(http, api, user, spaceId)));
            }
            for (var f : joined) {
                Connection c = f.get();
                c.onMessage(m -> {
                    if (m instanceof ChatEvent.Message msg) {
                        delivered.increment();
                        int index = Integer.parseInt(msg.message().text().substring("bench ".length()));
                        if (index % 10 == 0) {
                            deliveryLatencies.add(System.nanoTime() - sentAt[index]);
                        }
                    }
                });
                c.closed().thenRun(closed::incrementAndGet);
                connections.add(c);
            }
        }
        Connection sender = join(http, api, users.getFirst(), spaceId);
        var inFlight = new Semaphore(window);
        var acked = new AtomicInteger();
        sender.onMessage(m -> {
            if (m instanceof ChatEvent.Ack ack) {
                int index = Integer.parseInt(ack.clientMessageId().substring("bench-".length()));
                ackLatency[index] = System.nanoTime() - sentAt[index];
                acked.incrementAndGet();
                inFlight.release();
            } else if (m instanceof ServerMessage.Error e) {
                System.err.println("sender got " + e);
            }
        });
        // The client library files every frame for await(); nobody awaits here, so keep it empty.
        var janitor = Executors.newSingleThreadScheduledExecutor();
        janitor.scheduleWithFixedDelay(() -> {
            connections.forEach(Connection::clearInbox);
            sender.clearInbox();
        }, 100, 100, TimeUnit.MILLISECONDS);
        System.out.printf("setup: %d receivers joined in %.1f s%n", receivers, (System.nanoTime() - setup) / 1e9);

        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (!inFlight.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no ack within " + TIMEOUT + " after " + acked.get());
            }
            sentAt[i] = System.nanoTime();
            sender.send(new ChatCommand.Send("space", "bench " + i, String.format("bench-%08d", i), null, null));
        }
        waitFor(() -> acked.get() == messages);
        long persisted = System.nanoTime() - start;
        long expected = (long) messages * receivers;
        waitFor(() -> delivered.sum() >= expected - (long) closed.get() * messages);
        long done = System.nanoTime() - start;
        janitor.shutdownNow();

        System.out.printf("receivers=%d messages=%d window=%d%n", receivers, messages, window);
        System.out.printf("persisted (acked): %.0f msg/s; ack latency p50 %.1f ms, p99 %.1f ms%n",
                messages / (persisted / 1e9), pct(ackLatency, 50), pct(ackLatency, 99));
        System.out.printf("delivered to all:  %.0f msg/s = %.0f deliveries/s; delivery latency p50 %.1f ms, p99 %.1f ms%n",
                messages / (done / 1e9), delivered.sum() / (done / 1e9),
                pct(deliveryLatencies.stream().mapToLong(Long::longValue).toArray(), 50),
                pct(deliveryLatencies.stream().mapToLong(Long::longValue).toArray(), 99));
        System.out.printf("receivers disconnected: %d%n", closed.get());
        connections.forEach(Connection::close);
        sender.close();
    }

    private static Connection join(HttpClient http, SkyScopeApi api, AuthResponse user, String spaceId) {
        Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
        c.send(new ClientMessage.Join(spaceId, "j"));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }

    private static double pct(long[] nanos, int percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
