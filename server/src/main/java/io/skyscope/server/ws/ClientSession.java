package io.skyscope.server.ws;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.PositionFrame;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.metrics.ServerMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of one user.
 *
 * <p>Outbound frames go through a lock-free queue, one frame in flight at a time: the thread that
 * queues a frame when none is in flight writes it (and whatever follows) to the socket without
 * waiting, and a write the socket cannot take at once continues, when it can, on Jetty's thread.
 * No thread per connection, no hand-over per frame: a space's tick writes its frames itself, from
 * as many threads as it spreads them over. The queue is bounded in frames and in characters: a
 * client that stops reading fills it and is disconnected ({@code 4008}) instead of slowing anyone
 * else down or pinning the server's memory. {@link #enqueue} is called from any thread (bus
 * listeners, space owners) and never blocks.
 *
 * <p>A close the server starts ends the session at once: from then on no inbound frame is handled,
 * the {@linkplain #onEnd end hook} takes it out of its space and off the user's topic, and the TCP
 * connection is cut {@link #CLOSE_GRACE} later whatever the client does (a client that never
 * answers the close handshake keeps nothing). The session is also bound to the access token it
 * opened with: it ends when that token expires unless the client renews it in band.
 *
 * <p>Inbound frames are rate-limited per connection: over the limit a frame is refused with an
 * {@code error}; a client that keeps flooding is disconnected ({@code 4029}). Jetty delivers one
 * inbound frame at a time per connection, so {@link #admit} is called by one thread at a time.
 */
public final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final int OUTBOUND_CAPACITY = 2048;
    /** Characters of queued frames (about bytes: frames are mostly ASCII JSON) a connection may hold. */
    static final long OUTBOUND_MAX_CHARS = 4L * 1024 * 1024;
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** How every encoded {@code voice.join} starts (the codec writes the type first; a test checks it). */
    static final String VOICE_JOIN_PREFIX = "{\"type\":\"voice.join\"";
    /** How every encoded {@code voice.warm} starts: a warm link is set up with the same signals as a call. */
    static final String VOICE_WARM_PREFIX = "{\"type\":\"voice.warm\"";
    /** Set when the socket reported its end (the close handshake finished or the connection dropped). */
    private volatile boolean gone;

    private final String id;
    private final String userId;
    private final Session socket;
    private final ServerMetrics metrics;
    private final Queue<Object> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final Flusher flusher = new Flusher();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set once the server decided to end the session (or the socket ended): nothing more is handled. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong queuedChars = new AtomicLong();
    private volatile Runnable onEnd = () -> { };
    private volatile AuthenticatedUser token;
    private volatile boolean replaced;
    private final Bucket frames;
    private final Bucket strikes;
    private final SignalBudget signals = new SignalBudget(SignalBudget.Limits.defaults(), System.nanoTime());
    private long lastRateErrorNanos;
    private volatile String spaceId;
    private volatile PresenceEncoding presence = PresenceEncoding.JSON;

    private record Close(int code, String reason) {
    }

    public ClientSession(String id, AuthenticatedUser token, Session socket, ServerMetrics metrics, FrameLimits limits) {
        this.id = id;
        this.userId = token.userId();
        this.token = token;
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

    /**
     * What to do, once, when the session ends (a close the server starts, or the socket's end):
     * leave the space, leave the registry. Set before the session is registered. Runs on the thread that ends
     * the session, never while a lock of the registry is held.
     */
    public void onEnd(Runnable hook) {
        this.onEnd = hook;
    }

    /** This connection is closed because a newer one of the same user took over. */
    void markReplaced() {
        replaced = true;
    }

    /** Whether a newer connection of the same user took over from this one. */
    public boolean replaced() {
        return replaced;
    }

    /** The access token the session is bound to now. */
    public AuthenticatedUser token() {
        return token;
    }

    /** Binds the session to a renewed token of the same user. */
    public void renew(AuthenticatedUser renewed) {
        if (!renewed.userId().equals(userId)) {
            throw new IllegalArgumentException("a session is bound to one user");
        }
        this.token = renewed;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    /** How this connection receives positions, as it asked on the upgrade. */
    public PresenceEncoding presence() {
        return presence;
    }

    public void presence(PresenceEncoding encoding) {
        this.presence = encoding;
    }

    /**
     * Whether a queued frame is a binary {@link PositionFrame} (carried as one ISO-8859-1 character
     * a byte, its kind first) rather than JSON text.
     */
    public static boolean isBinary(String frame) {
        return !frame.isEmpty() && frame.charAt(0) == PositionFrame.KIND_POSITIONS;
    }

    /** The space this connection is in, or null. */
    public String spaceId() {
        return spaceId;
    }

    public void spaceId(String newSpaceId) {
        this.spaceId = newSpaceId;
    }

    /** False once the session ended or is ending: its frames are no longer handled. */
    public boolean isOpen() {
        return !ended.get() && socket.isOpen();
    }

    /**
     * Rate check for one inbound frame. A {@code signal} is taken from the {@linkplain SignalBudget
     * signal budget} first (links the server named for this connection), then from the general one.
     */
    public Admission admit(boolean signal, int chars) {
        if ((signal && signals.tryTake(chars, System.nanoTime())) || frames.tryConsume(1)) {
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
        long now = System.nanoTime(); // a rate window, a duration: no clock of the day
        if (now - lastRateErrorNanos >= 500_000_000L) {
            lastRateErrorNanos = now;
            return true;
        }
        return false;
    }

    public void send(ServerMessage message) {
        enqueue(ProtocolCodec.encode(message));
    }

    /**
     * Queues an encoded frame; on overflow the connection is closed as too slow. A {@code voice.join}
     * or {@code voice.warm} passing through grants this connection the signals to set that link up.
     */
    public void enqueue(String frame) {
        if (closing.get()) {
            return;
        }
        if (frame.startsWith(VOICE_JOIN_PREFIX) || frame.startsWith(VOICE_WARM_PREFIX)) {
            signals.grant(System.nanoTime());
        }
        long chars = queuedChars.addAndGet(frame.length());
        int frames = queuedFrames.incrementAndGet();
        if (chars > OUTBOUND_MAX_CHARS || frames > OUTBOUND_CAPACITY) {
            queuedChars.addAndGet(-frame.length());
            queuedFrames.decrementAndGet();
            LOG.info("user {} session {}: outbound queue full ({} frames, {} characters), disconnecting slow client",
                    userId, id, queuedFrames.get(), queuedChars.get());
            metrics.slowClientDropped();
            closeNow(CloseCodes.TOO_SLOW, "too slow: too much unread");
            return;
        }
        outbound.offer(frame);
        flusher.iterate();
    }

    /**
     * Ends the session now and closes the connection: sends what is queued, then this message,
     * then a close frame with the given code; the connection is cut after {@link #CLOSE_GRACE}
     * if the client has not finished the handshake by then.
     */
    public void closeAfter(ServerMessage last, int code, String reason) {
        if (closing.get() || !end()) {
            return;
        }
        send(last);
        if (!closing.get()) {
            outbound.offer(new Close(code, reason));
            flusher.iterate();
        }
        cutLater();
    }

    /**
     * Closes at once, dropping anything queued. A close frame waits behind frames the client has
     * not read; if the connection is still open after {@link #CLOSE_GRACE}, it is cut.
     */
    public void closeNow(int code, String reason) {
        boolean first = end();
        if (closing.compareAndSet(false, true)) {
            forgetQueued();
            socket.close(code, reason, Callback.NOOP);
            if (first) {
                cutLater();
            }
        }
    }

    /** The socket is gone: nothing more is sent. */
    public void closed() {
        gone = true;
        closing.set(true);
        forgetQueued();
        end();
    }

    private void forgetQueued() {
        outbound.clear();
        queuedChars.set(0);
        queuedFrames.set(0);
    }

    /** Marks the session ended and runs the end hook; true the first time only. */
    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        try {
            onEnd.run();
        } catch (RuntimeException e) {
            LOG.warn("user {} session {}: ending failed", userId, id, e);
        }
        return true;
    }

    /**
     * Cuts the TCP connection after {@link #CLOSE_GRACE} unless the socket reported its end first,
     * and again (saying so) if it still has not reported it one grace later.
     */
    private void cutLater() {
        Thread.ofVirtual().name("ws-cut-" + id).start(() -> {
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    Thread.sleep(CLOSE_GRACE);
                } catch (InterruptedException e) {
                    return;
                }
                if (gone) {
                    return;
                }
                if (attempt == 1) {
                    LOG.info("user {} session {}: no close handshake within {}, cutting the connection", userId, id,
                            CLOSE_GRACE);
                } else {
                    LOG.warn("user {} session {}: still open {} after it was cut; cutting again", userId, id,
                            CLOSE_GRACE);
                }
                try {
                    socket.disconnect();
                } catch (RuntimeException e) {
                    LOG.warn("user {} session {}: cutting the connection failed", userId, id, e);
                }
            }
        });
    }

    /**
     * Writes the queued frames one at a time; {@link #iterate} from any thread, with Jetty's
     * guarantee that one thread processes at a time and that a write completing at once does not
     * recurse.
     */
    private final class Flusher extends IteratingCallback {
        private final Callback written = Callback.from(this::succeeded, this::failed);

        @Override
        protected Action process() {
            Object item = outbound.poll();
            if (item == null) {
                return Action.IDLE;
            }
            if (item instanceof Close(int code, String reason)) {
                closing.set(true);
                socket.close(code, reason, Callback.NOOP);
                return Action.SUCCEEDED;
            }
            String frame = (String) item;
            queuedChars.addAndGet(-frame.length());
            queuedFrames.decrementAndGet();
            if (isBinary(frame)) {
                socket.sendBinary(ByteBuffer.wrap(frame.getBytes(StandardCharsets.ISO_8859_1)), written);
            } else {
                socket.sendText(frame, written);
            }
            metrics.frameOut();
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            if (!closing.get()) {
                LOG.debug("user {} session {}: send failed: {}", userId, id, cause.toString());
                closeNow(1011, "send failed");
            }
        }
    }
}
