package io.skyscope.server.ws;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of one user.
 *
 * <p>Outbound frames go through a bounded queue drained by this session's own virtual thread, one
 * frame in flight at a time; a client that stops reading fills its queue and is disconnected
 * ({@code 4008}) instead of slowing anyone else down. {@link #enqueue} is called from any thread
 * (bus listeners, space owners) and never blocks.
 *
 * <p>Inbound frames are rate-limited per connection: over the limit a frame is refused with an
 * {@code error}; a client that keeps flooding is disconnected ({@code 4029}). Jetty delivers one
 * inbound frame at a time per connection, so {@link #admit} is called by one thread at a time.
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final int OUTBOUND_CAPACITY = 2048;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** Set when the socket reported its end (the close handshake finished or the connection dropped). */
    private volatile boolean gone;

    private final String id;
    private final String userId;
    private final Session socket;
    private final ServerMetrics metrics;
    private final BlockingQueue<Object> outbound = new ArrayBlockingQueue<>(OUTBOUND_CAPACITY);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Bucket frames;
    private final Bucket strikes;
    private long lastRateErrorNanos;
    private volatile String spaceId;
    private Thread sender;

    private record Close(int code, String reason) {
    }

    public ClientSession(String id, String userId, Session socket, ServerMetrics metrics, FrameLimits limits) {
        this.id = id;
        this.userId = userId;
        this.socket = socket;
        this.metrics = metrics;
        this.frames = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.burst()).refillGreedy(limits.perSecond(), Duration.ofSeconds(1)).build())
                .build();
        this.strikes = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.strikeBurst()).refillGreedy(limits.strikesPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    /** Per-connection inbound limits. */
    public record FrameLimits(long perSecond, long burst, long strikesPerSecond, long strikeBurst) {
        public static FrameLimits defaults() {
            return new FrameLimits(40, 80, 5, 50);
        }
    }

    /** What to do with an inbound frame. */
    public enum Admission { ACCEPT, REFUSE, DISCONNECT }

    public void start() {
        sender = Thread.ofVirtual().name("ws-out-" + id).start(this::drain);
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    /** The space this connection is in, or null. */
    public String spaceId() {
        return spaceId;
    }

    public void spaceId(String newSpaceId) {
        this.spaceId = newSpaceId;
    }

    public boolean isOpen() {
        return !closing.get() && socket.isOpen();
    }

    /** Rate check for one inbound frame. */
    public Admission admit() {
        if (frames.tryConsume(1)) {
            return Admission.ACCEPT;
        }
        return strike() ? Admission.REFUSE : Admission.DISCONNECT;
    }

    /** Counts a refused or malformed frame; false when the client has gone on too long. */
    public boolean strike() {
        return strikes.tryConsume(1);
    }

    /** Milliseconds until the next frame would be accepted. */
    public long retryAfterMillis() {
        long nanos = frames.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    /** True at most twice a second, so refusals do not themselves flood the client. */
    public boolean mayReportRateLimit() {
        long now = System.nanoTime();
        if (now - lastRateErrorNanos >= 500_000_000L) {
            lastRateErrorNanos = now;
            return true;
        }
        return false;
    }

    public void send(ServerMessage message) {
        enqueue(ProtocolCodec.encode(message));
    }

    /** Queues an encoded frame; on overflow the connection is closed as too slow. */
    public void enqueue(String frame) {
        if (closing.get()) {
            return;
        }
        if (!outbound.offer(frame)) {
            LOG.info("user {} session {}: outbound queue full, disconnecting slow client", userId, id);
            metrics.slowClientDropped();
            closeNow(io.skyscope.protocol.CloseCodes.TOO_SLOW, "too slow: " + OUTBOUND_CAPACITY + " frames unread");
        }
    }

    /** Sends what is queued, then this message, then closes with the given code. */
    public void closeAfter(ServerMessage last, int code, String reason) {
        if (closing.get()) {
            return;
        }
        send(last);
        if (!outbound.offer(new Close(code, reason))) {
            closeNow(code, reason);
        }
    }

    /**
     * Closes at once, dropping anything queued. A close frame waits behind frames the client has
     * not read; if the connection is still open after {@link #CLOSE_GRACE}, it is cut.
     */
    public void closeNow(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            outbound.clear();
            socket.close(code, reason, Callback.NOOP);
            if (sender != null) {
                sender.interrupt();
            }
            Thread.ofVirtual().name("ws-cut-" + id).start(() -> {
                try {
                    Thread.sleep(CLOSE_GRACE);
                } catch (InterruptedException e) {
                    return;
                }
                if (!gone) {
                    LOG.info("user {} session {}: no close handshake within {}, cutting the connection", userId, id,
                            CLOSE_GRACE);
                    socket.disconnect();
                }
            });
        }
    }

    /** The socket is gone: stop the sender thread. */
    public void closed() {
        gone = true;
        closing.set(true);
        outbound.clear();
        if (sender != null) {
            sender.interrupt();
        }
    }

    private void drain() {
        try {
            while (!closing.get()) {
                Object item = outbound.take();
                if (item instanceof Close(int code, String reason)) {
                    closing.set(true);
                    socket.close(code, reason, Callback.NOOP);
                    return;
                }
                var done = new Callback.Completable();
                socket.sendText((String) item, done);
                done.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                metrics.frameOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closing.get()) {
                LOG.debug("user {} session {}: send failed: {}", userId, id, e.toString());
                closeNow(1011, "send failed");
            }
        }
    }
}
