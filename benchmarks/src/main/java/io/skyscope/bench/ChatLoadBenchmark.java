package io.skyscope.bench;

import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

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
 * <p>Usage: {@code ChatLoadBenchmark <receivers> <messages> [window] [senders] [rate] [warmup]}; a
 * rate above 0 selects the paced mode (the window is then ignored). Messages go to the senders in
 * turn. With {@code warmup} above 0, that many messages are first sent in window mode and not
 * counted, so that the measured ones do not pay for compiling the code they run.
 *
 * <p>With {@code -Dreceivers=raw} the receivers are bare WebSockets that only count their
 * {@code chat.message} frames and read the message's number from the text, instead of the client
 * library (which decodes every frame into records and keeps the chat in its world state): they
 * share the two cores with the server, so lighter receivers leave more of them to it.
 * The rate limits are raised for the senders; everything else is the server's default configuration.
 *
 * <p>Server and clients share one process, so the run also reports the CPU time its threads used
 * while the measured messages went through: the JDK HttpClient's threads (the clients) apart from
 * all the others (the server's), and per message.
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
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Path dir = Files.createTempDirectory("skyscope-chat-bench");
        var config = ServerConfig.defaults(dir).withPort(0)
                .withChat(new ServerConfig.ChatTuning(1_000_000, 1_000_000));
        // Every client comes from 127.0.0.1.
        config = config.withProtection(config.protection().withConnections(1_000_000, 10, 30)
                .withRegistrations(1_000_000, 1_000_000));
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            run(server.port(), receivers, messages, window, senders, rate, warmup);
        }
    }

    private static void run(int port, int receivers, int measured, int window, int senders, double rate, int warmup)
            throws Exception {
        int messages = warmup + measured;
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
        List<WebSocket> rawReceivers = new ArrayList<>();
        boolean raw = "raw".equals(System.getProperty("receivers"));
        IntConsumer onDelivery = index -> {
            delivered.increment();
            if (index % 10 == 0 && index >= warmup) {
                deliveryLatencies.add(System.nanoTime() - sentAt[index]);
            }
        };
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Future<Connection>> joined = new ArrayList<>();
            List<Future<WebSocket>> rawJoined = new ArrayList<>();
            for (int i = 1; i <= receivers; i++) {
                AuthResponse user = users.get(senders - 1 + i);
                if (raw) {
                    rawJoined.add(pool.submit(() -> rawJoin(http, api, user, spaceId, onDelivery, closed)));
                } else {
                    joined.add(pool.submit(() -> join(http, api, user, spaceId)));
                }
            }
            for (var f : joined) {
                Connection c = f.get();
                c.onMessage(m -> {
                    if (m instanceof ChatEvent.Message msg) {
                        onDelivery.accept(Integer.parseInt(msg.message().text().substring("bench ".length())));
                    }
                });
                c.closed().thenRun(closed::incrementAndGet);
                connections.add(c);
            }
            for (var f : rawJoined) {
                rawReceivers.add(f.get());
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
                    if (rate <= 0 || index < warmup) {
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

        long start = 0;
        long persisted = 0;
        long done = 0;
        long lateSends = 0;
        CpuSplit cpuBefore = null;
        for (int from : new int[] {0, warmup}) {
            int to = from == 0 && warmup > 0 ? warmup : messages;
            boolean paced = rate > 0 && to == messages;
            cpuBefore = CpuSplit.now();
            start = System.nanoTime();
            for (int i = from; i < to; i++) {
                if (paced) {
                    // sentAt is the due time, so a send that leaves late counts its lateness.
                    long due = start + (long) ((i - from) * 1e9 / rate);
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
            waitFor(() -> acked.get() == to, () -> acked.get() + " of " + to + " acked");
            persisted = System.nanoTime() - start;
            long expected = (long) to * receivers;
            waitFor(() -> delivered.sum() >= expected - (long) closed.get() * to,
                    () -> delivered.sum() + " of " + expected + " delivered");
            done = System.nanoTime() - start;
            if (to == messages) {
                break;
            }
        }
        CpuSplit cpu = CpuSplit.now().minus(cpuBefore);
        janitor.shutdownNow();

        long[] deliveries = deliveryLatencies.stream().mapToLong(Long::longValue).toArray();
        long[] acks = Arrays.copyOfRange(ackLatency, warmup, messages);
        System.out.printf("receivers=%d messages=%d (after %d to warm up) senders=%d %s%n", receivers, measured, warmup,
                senders,
                rate > 0 ? String.format("paced at %.0f msg/s (%d sends left over 1 ms late)", rate, lateSends)
                        : "window=" + window);
        System.out.printf("persisted (acked): %.0f msg/s; ack latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                measured / (persisted / 1e9), pct(acks, 50), pct(acks, 95), pct(acks, 99), pct(acks, 100));
        System.out.printf("delivered to all:  %.0f msg/s = %.0f deliveries/s; delivery latency p50 %.1f ms, p99 %.1f ms%n",
                measured / (done / 1e9), (double) measured * receivers / (done / 1e9), pct(deliveries, 50),
                pct(deliveries, 99));
        System.out.printf("CPU while measured (%.1f s): server threads %.0f ms = %.0f us a message (%.2f cores), "
                        + "client threads %.0f ms (%.2f cores), the rest of the process (GC, JIT) %.0f ms%n",
                done / 1e9, cpu.server() / 1e6, cpu.server() / 1e3 / measured, cpu.server() / (double) done,
                cpu.clients() / 1e6, cpu.clients() / (double) done, (cpu.process() - cpu.server() - cpu.clients()) / 1e6);
        System.out.printf("CPU by thread (ms): %s%n", cpu.top(10));
        System.out.printf("receivers disconnected: %d%n", closed.get());
        connections.forEach(Connection::close);
        rawReceivers.forEach(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
        senderConnections.forEach(Connection::close);
    }

    private static Connection join(HttpClient http, SkyScopeApi api, AuthResponse user, String spaceId) {
        Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
        c.send(new ClientMessage.Join(spaceId, "j"));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }

    /** A receiver that only counts chat messages (see the class comment). */
    private static WebSocket rawJoin(HttpClient http, SkyScopeApi api, AuthResponse user, String spaceId,
                                     IntConsumer onDelivery, AtomicInteger closed) throws Exception {
        String marker = "\"text\":\"bench ";
        var welcomed = new java.util.concurrent.CompletableFuture<Void>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    int at = partial.indexOf(marker);
                    if (at >= 0 && partial.indexOf("\"type\":\"chat.message\"") >= 0) {
                        int from = at + marker.length();
                        int to = from;
                        while (Character.isDigit(partial.charAt(to))) {
                            to++;
                        }
                        onDelivery.accept(Integer.parseInt(partial, from, to, 10));
                    } else if (!welcomed.isDone() && partial.indexOf("\"type\":\"welcome\"") >= 0) {
                        welcomed.complete(null);
                    }
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed.incrementAndGet();
                return null;
            }
        };
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(api.webSocketUri(user.accessToken()), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText(ProtocolCodec.encode(new ClientMessage.Join(spaceId, "j")), true);
        welcomed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return socket;
    }

    /**
     * CPU time used so far, in nanoseconds: by the whole process, and by its live platform threads
     * split into the clients' (the JDK HttpClient's threads) and the server's (all others: Jetty,
     * the carriers of its virtual threads, the store, the committer, the fan-out). Threads that
     * ended in between are not counted.
     */
    private record CpuSplit(long process, long server, long clients, java.util.Map<String, Long> byName) {
        static CpuSplit now() {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long server = 0;
            long clients = 0;
            var byName = new java.util.HashMap<String, Long>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                long cpu = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
                if (cpu <= 0) {
                    continue;
                }
                if (info.getThreadName().startsWith("HttpClient")) {
                    clients += cpu;
                } else {
                    server += cpu;
                }
                byName.merge(info.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|[0-9]+", "#"), cpu, Long::sum);
            }
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return new CpuSplit(os.getProcessCpuTime(), server, clients, byName);
        }

        CpuSplit minus(CpuSplit before) {
            var names = new java.util.HashMap<String, Long>(byName);
            before.byName.forEach((name, cpu) -> names.merge(name, -cpu, Long::sum));
            return new CpuSplit(process - before.process, server - before.server, clients - before.clients, names);
        }

        /** The thread groups (names with numbers left out) that used the most CPU, in ms. */
        String top(int n) {
            return byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(n).map(e -> e.getKey() + " " + e.getValue() / 1_000_000).collect(
                            java.util.stream.Collectors.joining(", "));
        }
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
