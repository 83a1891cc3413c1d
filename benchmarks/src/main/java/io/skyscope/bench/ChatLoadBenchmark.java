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
 * Chat throughput and latency end to end: senders post to the {@code space} channel of a space
 * where {@code receivers} other people are present, through a real server (started in this JVM on
 * a fresh embedded store) and real WebSocket clients. A message counts as persisted when its
 * {@code chat.ack} arrives (acks are sent only after the group-commit flush) and as delivered when
 * every receiver has it.
 *
 * <p>Two modes. Window (throughput): the senders together keep up to {@code window} sends
 * unacknowledged, so latencies are mostly queueing. Paced (latency at a given load): message
 * {@code i} is due at {@code start + i / rate} on an absolute schedule, whatever came back, and
 * latencies count from that due time (a late send is charged to the server, not hidden).
 *
 * <p>Usage: {@code ChatLoadBenchmark <receivers> <messages> [window] [senders] [rate]}; a rate
 * above 0 selects the paced mode (the window is then ignored). Messages go to the senders in turn.
 * The rate limits are raised for the senders; everything else is the server's default configuration.
 */
public final class ChatLoadBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ChatLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int receivers = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int senders = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        Path dir = Files.createTempDirectory("skyscope-chat-bench");
        var config = ServerConfig.defaults(dir).withPort(0)
                .withChat(new ServerConfig.ChatTuning(1_000_000, 1_000_000));
        // Every client comes from 127.0.0.1.
        config = config.withProtection(config.protection().withConnections(1_000_000, 10, 30)
                .withRegistrations(1_000_000, 1_000_000));
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            run(server.port(), receivers, messages, window, senders, rate);
        }
    }

    private static void run(int port, int receivers, int messages, int window, int senders, double rate)
            throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + port + "/"), http);
        long setup = System.nanoTime();
        List<AuthResponse> users = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<AuthResponse>> registered = new ArrayList<>();
            for (int i = 0; i < receivers + senders; i++) {
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
                AuthResponse user = users.get(senders - 1 + i);
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
        var inFlight = new Semaphore(window);
        var acked = new AtomicInteger();
        List<Connection> senderConnections = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Connection sender = join(http, api, users.get(s), spaceId);
            sender.onMessage(m -> {
                if (m instanceof ChatEvent.Ack ack) {
                    int index = Integer.parseInt(ack.clientMessageId().substring("bench-".length()));
                    ackLatency[index] = System.nanoTime() - sentAt[index];
                    acked.incrementAndGet();
                    if (rate <= 0) {
                        inFlight.release();
                    }
                } else if (m instanceof ServerMessage.Error e) {
                    System.err.println("sender got " + e);
                }
            });
            sender.closed().thenAccept(c -> System.err.println("sender closed: " + c));
            senderConnections.add(sender);
        }
        // The client library files every frame for await(); nobody awaits here, so keep it empty.
        var janitor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        janitor.scheduleWithFixedDelay(() -> {
            connections.forEach(Connection::clearInbox);
            senderConnections.forEach(Connection::clearInbox);
        }, 100, 100, TimeUnit.MILLISECONDS);
        System.out.printf("setup: %d receivers joined in %.1f s%n", receivers, (System.nanoTime() - setup) / 1e9);

        long start = System.nanoTime();
        long lateSends = 0;
        for (int i = 0; i < messages; i++) {
            if (rate > 0) {
                // sentAt is the due time, so a send that leaves late counts its lateness.
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (wait < -1_000_000) {
                    lateSends++;
                }
                sentAt[i] = due;
            } else {
                if (!inFlight.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("no ack within " + TIMEOUT + " after " + acked.get());
                }
                sentAt[i] = System.nanoTime();
            }
            senderConnections.get(i % senders)
                    .send(new ChatCommand.Send("space", "bench " + i, String.format("bench-%08d", i), null, null));
        }
        waitFor(() -> acked.get() == messages, () -> acked.get() + " of " + messages + " acked");
        long persisted = System.nanoTime() - start;
        long expected = (long) messages * receivers;
        waitFor(() -> delivered.sum() >= expected - (long) closed.get() * messages,
                () -> delivered.sum() + " of " + expected + " delivered");
        long done = System.nanoTime() - start;
        janitor.shutdownNow();

        long[] deliveries = deliveryLatencies.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("receivers=%d messages=%d senders=%d %s%n", receivers, messages, senders,
                rate > 0 ? String.format("paced at %.0f msg/s (%d sends left over 1 ms late)", rate, lateSends)
                        : "window=" + window);
        System.out.printf("persisted (acked): %.0f msg/s; ack latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                messages / (persisted / 1e9), pct(ackLatency, 50), pct(ackLatency, 95), pct(ackLatency, 99),
                pct(ackLatency, 100));
        System.out.printf("delivered to all:  %.0f msg/s = %.0f deliveries/s; delivery latency p50 %.1f ms, p99 %.1f ms%n",
                messages / (done / 1e9), delivered.sum() / (done / 1e9), pct(deliveries, 50), pct(deliveries, 99));
        System.out.printf("receivers disconnected: %d%n", closed.get());
        connections.forEach(Connection::close);
        senderConnections.forEach(Connection::close);
    }

    private static Connection join(HttpClient http, SkyScopeApi api, AuthResponse user, String spaceId) {
        Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
        c.send(new ClientMessage.Join(spaceId, "j"));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition,
                                java.util.function.Supplier<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 4;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + progress.get());
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
