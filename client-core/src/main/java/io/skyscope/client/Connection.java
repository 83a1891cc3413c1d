package io.skyscope.client;

import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ProtocolException;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.PositionFrame;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to a SkyScope server, with typed send and await.
 *
 * <p>Threads: frames arrive on the JDK WebSocket's thread, which decodes them, updates the
 * {@link WorldState}, runs listeners and files the message in an inbox that {@link #await} reads.
 * {@link #send} may be called from any thread; sends are serialised.
 */
public final class Connection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** How the connection ended. */
    public record Closed(int code, String reason) {
    }

    private final WorldState world;
    private final Inbox inbox = new Inbox();
    private final List<Consumer<ServerMessage>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private long seq;

    private Connection(WorldState world) {
        this.world = world;
    }

    /** Opens a connection; fails with the HTTP status if the server refuses the upgrade. */
    public static Connection open(HttpClient http, URI wsUri, Duration timeout) {
        return open(http, wsUri, timeout, new WorldState());
    }

    /**
     * Opens a connection that keeps {@code world} up to date (a {@link Session} passes the same
     * one to every connection it makes).
     */
    public static Connection open(HttpClient http, URI wsUri, Duration timeout, WorldState world) {
        var connection = new Connection(world);
        try {
            connection.socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(wsUri, connection.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + redact(wsUri) + ": " + rootMessage(e), e);
        }
        return connection;
    }

    public WorldState world() {
        return world;
    }

    /** Runs for every message received, on the receive thread. */
    public void onMessage(Consumer<ServerMessage> listener) {
        listeners.add(listener);
    }

    public void send(ClientMessage message) {
        String frame = ProtocolCodec.encode(message);
        sendRaw(frame);
    }

    /** Sends a frame as it is (tests use this to send malformed input). */
    public void sendRaw(String frame) {
        synchronized (sendLock) {
            lastSend = lastSend.handle((r, e) -> null).thenCompose(v -> socket.sendText(frame, true));
        }
    }

    /** Sends a move with the next sequence number and predicts it locally; returns the seq. */
    public long move(double x, double y) {
        long s;
        synchronized (sendLock) {
            s = ++seq;
        }
        world.movedSelf(x, y);
        send(new ClientMessage.Move(x, y, s, null));
        return s;
    }

    /** Waits for (and takes from the inbox) the first message of this type that matches. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        return inbox.await(type, match, timeout, () -> "closed=" + closed.getNow(null));
    }

    public <T extends ServerMessage> T await(Class<T> type, Duration timeout) {
        return await(type, m -> true, timeout);
    }

    /** Forgets everything received so far. */
    public void clearInbox() {
        inbox.clear();
    }

    public CompletableFuture<Closed> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Drops the connection at once, without a closing handshake, as a network failure would. */
    public void abort() {
        if (socket != null) {
            socket.abort();
        }
        closed.complete(new Closed(1006, "aborted"));
        inbox.wake();
    }

    /**
     * The HTTP status with which the server refused the WebSocket upgrade behind a failed
     * {@link #open}, or -1.
     */
    public static int handshakeStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (!closed.isDone() && socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    private void received(String frame) {
        ServerMessage message;
        try {
            message = ProtocolCodec.decodeServer(frame);
        } catch (ProtocolException e) {
            LOG.warn("ignoring a frame the client cannot read: {}", e.getMessage());
            return;
        }
        received(message);
    }

    /** A binary frame: positions, handed on as the {@code moved} of a {@code presence.update}. */
    private void received(ByteBuffer frame) {
        List<ServerMessage.Moved> moved = new ArrayList<>();
        try {
            PositionFrame.decode(frame, (number, x, y) -> {
                String userId = world.userIdOf(number);
                if (userId != null) {
                    moved.add(new ServerMessage.Moved(userId, x, y));
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a binary frame the client cannot read: {}", e.getMessage());
            return;
        }
        received(new ServerMessage.PresenceUpdate(null, null, moved, null));
    }

    private void received(ServerMessage message) {
        world.apply(message);
        for (var listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("message listener failed", e);
            }
        }
        inbox.add(message);
    }

    private static String redact(URI uri) {
        return uri.toString().replaceAll("token=[^&]*", "token=***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private ByteBuffer partialBinary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last && partialBinary.position() == 0) {
                received(data);
            } else {
                if (partialBinary.remaining() < data.remaining()) {
                    partialBinary = ByteBuffer.allocate(Math.max(partialBinary.capacity() * 2,
                            partialBinary.position() + data.remaining())).put(partialBinary.flip());
                }
                partialBinary.put(data);
                if (last) {
                    received(partialBinary.flip());
                    partialBinary.clear();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                received(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            inbox.wake();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
            inbox.wake();
        }
    }
}
