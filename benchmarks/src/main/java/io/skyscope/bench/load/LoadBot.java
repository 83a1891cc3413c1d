package io.skyscope.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.ProtocolCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load user over a raw WebSocket, lean enough that thousands fit in one JVM beside the server:
 * it walks toward random targets with a move every {@code 1/movesPerSecond} s, chats in the space
 * now and then, and only counts what it receives, except that a probe also reads every
 * {@code presence.update} and matches each position to the move that produced it (move to
 * observer latency). Corrections put the bot where the server says and make it pick a new target.
 *
 * <p>Threads: the WebSocket's listener runs on the HTTP client's threads; {@link #step} is called
 * by the benchmark's scheduler. The recent-move ring is guarded by {@code this}.
 */
final class LoadBot extends JoiningListener {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int RING = 64;

    final String userId;
    private final boolean probe;
    private final Map<String, LoadBot> byId;
    private final Random random;
    private final StringBuilder partial = new StringBuilder();
    private final double[] ringX = new double[RING];
    private final double[] ringY = new double[RING];
    private final long[] ringNanos = new long[RING];
    /** A probe's last sight of each mover (the listener's thread only). */
    private final Map<String, double[]> seen = new java.util.HashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private WebSocket socket;
    private int ringNext;
    private volatile double x;
    private volatile double y;
    private double targetX;
    private double targetY;
    private double stepPixels;
    private volatile double maxSpeed;
    private double width;
    private double height;

    LoadBot(String userId, boolean probe, LoadStats stats, Map<String, LoadBot> byId, long seed) {
        super(stats);
        this.userId = userId;
        this.probe = probe;
        this.byId = byId;
        this.random = new Random(seed);
    }

    /** Opens the socket and joins; completes once the welcome arrived. */
    CompletableFuture<Void> connect(HttpClient http, URI wsUri, String spaceId, double mapWidth, double mapHeight,
                                    double movesPerSecond) {
        this.width = mapWidth;
        this.height = mapHeight;
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(wsUri, this)
                .thenCompose(ws -> {
                    socket = ws;
                    return ws.sendText(ProtocolCodec.encode(new ClientMessage.Join(spaceId, "join")), true);
                })
                .thenCompose(ws -> welcomed)
                .orTimeout(60, TimeUnit.SECONDS)
                .thenRun(() -> stepPixels = stepFor(movesPerSecond));
    }

    private double stepFor(double movesPerSecond) {
        return 0.8 * maxSpeed / movesPerSecond;
    }

    /** One move toward the target (a new target once there). */
    void step() {
        double dx = targetX - x;
        double dy = targetY - y;
        double d = Math.hypot(dx, dy);
        if (d < stepPixels) {
            targetX = 16 + random.nextDouble() * (width - 32);
            targetY = 16 + random.nextDouble() * (height - 32);
            return;
        }
        double nx = x + dx / d * stepPixels;
        double ny = y + dy / d * stepPixels;
        synchronized (this) {
            ringX[ringNext] = nx;
            ringY[ringNext] = ny;
            ringNanos[ringNext] = System.nanoTime();
            ringNext = (ringNext + 1) % RING;
        }
        x = nx;
        y = ny;
        send(ProtocolCodec.encode(new ClientMessage.Move(nx, ny, seq.incrementAndGet(), null)));
        stats.moveSent();
    }

    void chat(String text) {
        send(ProtocolCodec.encode(new ChatCommand.Send("space", text, userId + "-" + seq.incrementAndGet(), null, null)));
        stats.chatSent();
    }

    private void send(String frame) {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            // The JDK allows one outstanding send per socket: wait for it (this is the scheduler's thread).
            ws.sendText(frame, true).join();
        }
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            received(frame);
        }
        ws.request(1);
        return null;
    }

    private void received(String frame) {
        long now = System.nanoTime();
        stats.frameReceived(frame.length());
        if (frame.startsWith("{\"type\":\"presence.update\"")) {
            if (probe) {
                observe(frame, now);
            }
        } else if (frame.startsWith("{\"type\":\"move.correction\"")) {
            JsonNode c = tree(frame);
            synchronized (this) {
                // Back where the server says, which may be where it stood long ago: a probe that
                // first sees that position later (walking into view) has not waited for a move.
                java.util.Arrays.fill(ringNanos, 0);
            }
            x = c.get("x").asDouble();
            y = c.get("y").asDouble();
            targetX = x;
            targetY = y;
            stats.correction(c.path("reason").asText("?"));
        } else if (frame.contains("\"type\":\"welcome\"")) {
            JsonNode w = tree(frame);
            x = w.at("/you/x").asDouble();
            y = w.at("/you/y").asDouble();
            targetX = x;
            targetY = y;
            maxSpeed = w.at("/rules/maxSpeed").asDouble();
            welcomed.complete(null);
        } else if (frame.contains("\"type\":\"error\"")) {
            stats.error(frame);
        }
    }

    /** Matches every moved entry of a presence frame to the move that produced it. */
    private void observe(String frame, long now) {
        try (JsonParser p = JSON.createParser(frame)) {
            String who = null;
            double mx = Double.NaN;
            double my = Double.NaN;
            boolean inMoved = false;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()) {
                    inMoved = "moved".equals(p.currentName());
                } else if (inMoved && t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "userId" -> who = p.getText();
                        case "x" -> mx = p.getDoubleValue();
                        case "y" -> my = p.getDoubleValue();
                        default -> p.skipChildren();
                    }
                } else if (inMoved && t == JsonToken.END_OBJECT && who != null) {
                    LoadBot mover = byId.get(who);
                    // A position seen before (sent again at the reduced rate, or a corrected
                    // walker standing still) is not news: only the first sight of it is timed.
                    double[] before = seen.put(who, new double[] {mx, my});
                    boolean news = before == null || before[0] != mx || before[1] != my;
                    if (mover != null && news) {
                        long sent = mover.sentAt(mx, my);
                        if (sent != 0) {
                            stats.latency(now - sent);
                        }
                    }
                    who = null;
                }
            }
        } catch (IOException e) {
            stats.error("unreadable presence.update: " + e.getMessage());
        }
    }

    /** When the move to (x, y) was sent, or 0 if it is no longer in the ring. */
    private synchronized long sentAt(double px, double py) {
        for (int i = 0; i < RING; i++) {
            if (ringX[i] == px && ringY[i] == py && ringNanos[i] != 0) {
                return ringNanos[i];
            }
        }
        return 0;
    }

    private static JsonNode tree(String frame) {
        try {
            return Json.lenient().readTree(frame);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable frame " + frame, e);
        }
    }
}
