package io.skyscope.bench.load;

import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ProtocolCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One user of the crowd over a raw WebSocket: a random walk of whole-pixel steps, each move
 * remembered (position and send time) in a ring so that observers can time it. What it receives
 * it only counts, unless it is an observer's socket: then presence frames (JSON or binary) go to
 * its {@link CrowdObserver}. It classifies a text message by its first characters and keeps only
 * what it must read: the head of the welcome (its own position), corrections and errors.
 *
 * <p>Two transports: the JDK's WebSocket (this is its listener) or a {@link RawSocket} (this is
 * its handler, and keeps only the bytes it will read). Threads: the listener and handler methods
 * run on the HTTP client's or the socket group's thread, one at a time per socket; {@link #step}
 * runs on the walk thread; {@link #position} and {@link #sentAt} are read by any
 * thread. The ring is guarded by {@code this}.
 */
final class CrowdUser extends JoiningListener implements RawSocket.Handler {
    /** Moves remembered per user: at 5 a second, 12.8 s. */
    static final int RING = 64;
    static final int MAX_STEP = 6;
    private static final int MARGIN = 16;
    private static final int HEAD = 4096;
    private static final java.util.concurrent.Executor UPGRADES = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    final int index;
    final String userId;
    private final CrowdBenchmark.Window window;
    private final int width;
    private final int height;
    private final long[] ringPos = new long[RING];
    private final long[] ringNanos = new long[RING];
    private int ringNext;
    /** x in the high and y in the low 32 bits: where this user truly is. */
    private volatile long position;
    private volatile WebSocket socket;
    private volatile RawSocket raw;
    private volatile CrowdObserver observer;
    // How far a join got, for the report of one that failed: when it started, when the upgrade
    // finished and the join was sent, and what arrived before any welcome.
    private volatile long connectNanos;
    private volatile long upgradedNanos;
    private volatile long messagesBeforeWelcome;
    private volatile long bytesBeforeWelcome;
    private volatile int lastKindBeforeWelcome = -1;
    // The walk thread's.
    private CompletableFuture<WebSocket> lastSend;
    private long seq;
    private long windowMoves;
    // The listener's.
    private final StringBuilder text = new StringBuilder();
    private boolean inMessage;
    private int kind;
    private ByteBuffer binary = ByteBuffer.allocate(0);

    CrowdUser(int index, String userId, LoadStats stats, CrowdBenchmark.Window window, int width, int height) {
        super(stats);
        this.index = index;
        this.userId = userId;
        this.window = window;
        this.width = width;
        this.height = height;
    }

    static long pack(int x, int y) {
        return (long) x << 32 | (y & 0xFFFFFFFFL);
    }

    static int x(long packed) {
        return (int) (packed >> 32);
    }

    static int y(long packed) {
        return (int) packed;
    }

    void observeWith(CrowdObserver o) {
        observer = o;
    }

    /** Opens the socket and joins; completes once the welcome arrived, or fails after 60 s. */
    CompletableFuture<Void> connect(HttpClient http, URI wsUri, String spaceId) {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(wsUri, this)
                .thenCompose(ws -> {
                    socket = ws;
                    return ws.sendText(ProtocolCodec.encode(new ClientMessage.Join(spaceId, "join")), true);
                })
                .thenCompose(ws -> welcomed)
                .orTimeout(60, TimeUnit.SECONDS);
    }

    /** The same over a {@link RawSocket} read by {@code group}; the upgrade runs on a virtual thread. */
    CompletableFuture<Void> connect(RawSocket.Group group, URI wsUri, String spaceId) {
        connectNanos = System.nanoTime();
        return CompletableFuture.runAsync(() -> {
            try {
                raw = RawSocket.open(wsUri, this, group);
                upgradedNanos = System.nanoTime();
                raw.sendText(ProtocolCodec.encode(new ClientMessage.Join(spaceId, "join")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect " + userId, e);
            }
        }, UPGRADES).thenCompose(v -> welcomed).orTimeout(60, TimeUnit.SECONDS);
    }

    /** How far a join that has not (yet) been welcomed got, in words. */
    String joinProgress() {
        long upgraded = upgradedNanos;
        if (upgraded == 0) {
            return String.format(java.util.Locale.ROOT, "no upgrade %.1f s after connecting",
                    (System.nanoTime() - connectNanos) / 1e9);
        }
        return String.format(java.util.Locale.ROOT,
                "upgraded in %.1f s, join sent; %d messages (%d bytes) before any welcome, the last of kind %d",
                (upgraded - connectNanos) / 1e9, messagesBeforeWelcome, bytesBeforeWelcome, lastKindBeforeWelcome);
    }

    boolean joined() {
        return welcomed.isDone() && !welcomed.isCompletedExceptionally();
    }

    long position() {
        return position;
    }

    /** Moves sent in the measured window; read once the walk thread has ended. */
    long windowMoves() {
        return windowMoves;
    }

    /**
     * One random step of up to {@link #MAX_STEP} px on each axis (never none), turned back at the
     * map's edge. Skipped while the previous move is still being written (a stalled socket).
     */
    void step() {
        if (!joined() || !writable()) {
            return;
        }
        long p = position;
        var random = ThreadLocalRandom.current();
        int dx;
        int dy;
        do {
            dx = random.nextInt(-MAX_STEP, MAX_STEP + 1);
            dy = random.nextInt(-MAX_STEP, MAX_STEP + 1);
        } while (dx == 0 && dy == 0);
        int nx = bounce(x(p), dx, width);
        int ny = bounce(y(p), dy, height);
        long next = pack(nx, ny);
        long sent = System.nanoTime();
        synchronized (this) {
            ringPos[ringNext] = next;
            ringNanos[ringNext] = sent;
            ringNext = (ringNext + 1) % RING;
        }
        position = next;
        if (window.contains(sent)) {
            windowMoves++;
        }
        send("{\"type\":\"move\",\"x\":" + nx + ",\"y\":" + ny + ",\"seq\":" + ++seq + "}");
        stats.moveSent();
    }

    /** Whether a move would go out now (nothing of the last one still waiting to be written). */
    private boolean writable() {
        RawSocket r = raw;
        if (r != null) {
            try {
                return r.writable();
            } catch (IOException e) {
                return false; // the reader sees the end of the connection and counts the close
            }
        }
        WebSocket ws = socket;
        return ws != null && !ws.isOutputClosed() && (lastSend == null || lastSend.isDone());
    }

    private void send(String frame) {
        RawSocket r = raw;
        if (r == null) {
            lastSend = socket.sendText(frame, true);
            return;
        }
        try {
            r.sendText(frame);
        } catch (IOException e) {
            // The reader sees the end of the connection and counts the close.
        }
    }

    private static int bounce(int v, int d, int size) {
        int n = v + d;
        return n < MARGIN || n > size - MARGIN ? v - d : n;
    }

    /** When the newest move to {@code packed} was sent, or 0 if the ring no longer holds it. */
    synchronized long sentAt(long packed) {
        for (int k = 1; k <= RING; k++) {
            int i = (ringNext - k + RING) % RING;
            if (ringPos[i] == packed && ringNanos[i] != 0) {
                return ringNanos[i];
            }
        }
        return 0;
    }

    CompletableFuture<?> close() {
        RawSocket r = raw;
        if (r != null) {
            r.close();
            return CompletableFuture.completedFuture(null);
        }
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!inMessage) {
            inMessage = true;
            kind = CrowdMessages.kindOf(data);
        }
        stats.chars.add(data.length());
        if (text.length() < keepLimit(kind)) {
            text.append(data);
        }
        if (last) {
            inMessage = false;
            stats.frames.increment();
            if (!text.isEmpty()) {
                received(text.toString(), System.nanoTime());
            }
            text.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        stats.chars.add(data.remaining());
        CrowdObserver o = observer;
        if (o != null) {
            if (binary.remaining() < data.remaining()) {
                binary = ByteBuffer.allocate(Math.max(binary.capacity() * 2, binary.position() + data.remaining()))
                        .put(binary.flip());
            }
            binary.put(data);
        }
        if (last) {
            stats.frames.increment();
            if (o != null) {
                observed(() -> o.binary(binary.flip(), System.nanoTime()));
                binary.clear();
            }
        }
        return null;
    }

    @Override
    public int keep(boolean isText, ByteBuffer head) {
        if (!isText) {
            return observer != null ? Integer.MAX_VALUE : 0;
        }
        kind = CrowdMessages.kindOf(StandardCharsets.ISO_8859_1.decode(head));
        return keepLimit(kind);
    }

    @Override
    public void message(boolean isText, ByteBuffer kept) {
        long now = System.nanoTime();
        if (isText) {
            received(StandardCharsets.UTF_8.decode(kept).toString(), now);
        } else {
            observed(() -> observer.binary(kept, now));
        }
    }

    @Override
    public void counted(long bytes) {
        if (!welcomed.isDone()) {
            messagesBeforeWelcome++;
            bytesBeforeWelcome += bytes;
            lastKindBeforeWelcome = kind;
        }
        stats.frames.increment();
        stats.chars.add(bytes);
    }

    @Override
    public void closed(int code, String reason) {
        onClose(null, code, reason);
    }

    /**
     * How many characters of a text message of this kind to keep: all of what this user reads, the
     * head of a welcome (where its own position is) for a user who does not observe, nothing else.
     */
    private int keepLimit(int messageKind) {
        boolean observing = observer != null;
        return switch (messageKind) {
            case CrowdMessages.PRESENCE -> observing ? Integer.MAX_VALUE : 0;
            case CrowdMessages.WELCOME -> observing ? Integer.MAX_VALUE : HEAD;
            case CrowdMessages.CORRECTION, CrowdMessages.ERROR -> Integer.MAX_VALUE;
            default -> 0;
        };
    }

    /** A kept text message (or its head) of the current kind. */
    private void received(String message, long now) {
        CrowdObserver o = observer;
        switch (kind) {
            case CrowdMessages.PRESENCE -> {
                if (o != null) {
                    observed(() -> o.text(message, now));
                }
            }
            case CrowdMessages.WELCOME -> {
                double[] you = CrowdMessages.you(message);
                position = pack((int) Math.round(you[0]), (int) Math.round(you[1]));
                if (o != null) {
                    observed(() -> o.text(message, now));
                }
                welcomed.complete(null);
            }
            case CrowdMessages.CORRECTION -> corrected(message);
            case CrowdMessages.ERROR -> stats.error(message);
            default -> {
            }
        }
    }

    /** An observer's decoding; a frame it cannot read is counted as an error, and the socket stays up. */
    private void observed(Runnable decoding) {
        try {
            decoding.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            stats.error("unreadable frame: " + e.getMessage());
        }
    }

    /** Back where the server says; the ring is cleared, as a position seen later there was not a fresh move. */
    private void corrected(String message) {
        double[] at = CrowdMessages.fields(message, 0, "x", "y");
        synchronized (this) {
            Arrays.fill(ringNanos, 0);
        }
        position = pack((int) Math.round(at[0]), (int) Math.round(at[1]));
        int r = message.indexOf("\"reason\":\"");
        stats.correction(r < 0 ? "?" : message.substring(r + 10, message.indexOf('"', r + 10)));
    }
}
