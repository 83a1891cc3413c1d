package io.skyscope.desktop.session;

import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.client.World;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one user in one space across dropped connections: connects, joins, and when the socket
 * closes unexpectedly waits ({@link Backoff}) and does it again, refreshing the access token when
 * the server refuses it. Frames sent while offline wait in a small outbox and go out, in order,
 * after the next welcome; the last status set is sent again after every welcome. JavaFX-free, so
 * it can move into client-core.
 *
 * <p>Threads: one virtual thread runs the connect loop; messages and state changes are delivered to
 * listeners on the connection's receive thread or the loop thread, never the FX thread. Every
 * public method may be called from any thread.
 */
public final class ReconnectingConnection implements WorldSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingConnection.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PING_EVERY = Duration.ofSeconds(20);
    private static final int OUTBOX_LIMIT = 500;

    /** Where the server last put me (welcome or correction); {@code generation} counts them. */
    public record Placement(long generation, double x, double y) {
    }

    private final Session session;
    private final String spaceId;
    private final Backoff backoff;
    private final List<Consumer<ServerMessage>> messageListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkState>> stateListeners = new CopyOnWriteArrayList<>();
    private final Deque<ClientMessage> outbox = new ArrayDeque<>();
    private final AtomicReference<Connection> current = new AtomicReference<>();
    private final AtomicReference<World> lastWorld = new AtomicReference<>(World.EMPTY);
    private final AtomicReference<Placement> placement = new AtomicReference<>(new Placement(0, 0, 0));
    private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.connecting());
    private final AtomicLong refs = new AtomicLong();
    private volatile ClientMessage.StatusChange status;
    private volatile boolean closed;
    private Thread loop;

    public ReconnectingConnection(Session session, String spaceId, Backoff backoff) {
        this.session = session;
        this.spaceId = spaceId;
        this.backoff = backoff;
    }

    public String spaceId() {
        return spaceId;
    }

    /** Starts connecting in the background; returns at once. */
    public synchronized ReconnectingConnection start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("skyscope-link-" + spaceId).start(this::run);
        }
        return this;
    }

    public void onMessage(Consumer<ServerMessage> listener) {
        messageListeners.add(listener);
    }

    public void onState(Consumer<LinkState> listener) {
        stateListeners.add(listener);
    }

    public LinkState state() {
        return state.get();
    }

    /** The world as last known: the live one while online, the last one seen while reconnecting. */
    @Override
    public World world() {
        Connection c = current.get();
        return c != null ? c.world().snapshot() : lastWorld.get();
    }

    @Override
    public Placement placement() {
        return placement.get();
    }

    /** Sends my new position if online; offline moves are dropped (the welcome places me anew). */
    @Override
    public void move(double x, double y) {
        Connection c = current.get();
        if (c != null && state.get().isOnline()) {
            c.move(x, y);
        }
    }

    /** Sets my status now if online, and again after every reconnect. */
    public void status(Status newStatus, String text) {
        var message = new ClientMessage.StatusChange(newStatus, text, nextRef("status"));
        this.status = message;
        sendNowOrLater(message, false);
    }

    /** Sends a frame; while offline it waits in the outbox (oldest dropped past 500). */
    public void send(ClientMessage message) {
        sendNowOrLater(message, true);
    }

    public String nextRef(String prefix) {
        return prefix + "-" + refs.incrementAndGet();
    }

    /** Frames waiting for the link to come back. */
    public synchronized int pending() {
        return outbox.size();
    }

    /** Drops the current socket as a network failure would (for tests and the "reconnect now" button). */
    public void dropForTest() {
        Connection c = current.get();
        if (c != null) {
            Thread.ofVirtual().start(c::close);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = loop;
        }
        Connection c = current.getAndSet(null);
        if (c != null) {
            try {
                c.send(new ClientMessage.Leave(nextRef("leave")));
            } catch (RuntimeException e) {
                // leaving is a courtesy; the close below is what counts
            }
            c.close();
        }
        if (t != null) {
            t.interrupt();
        }
        publish(new LinkState(LinkState.Phase.STOPPED, "Left the space.", Duration.ZERO, 0));
    }

    private void sendNowOrLater(ClientMessage message, boolean queue) {
        synchronized (this) {
            Connection c = current.get();
            if (c != null && state.get().isOnline() && outbox.isEmpty()) {
                c.send(message);
                return;
            }
            if (queue) {
                if (outbox.size() >= OUTBOX_LIMIT) {
                    outbox.removeFirst();
                }
                outbox.addLast(message);
            }
        }
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            String why;
            try {
                Joined joined = connectAndJoin();
                attempt = 0;
                why = awaitClose(joined.connection(), joined.token());
            } catch (ApiError e) {
                if (e.status() == 401) {
                    publish(new LinkState(LinkState.Phase.STOPPED,
                            "Your session has ended. Sign in again to continue.", Duration.ZERO, 0));
                    return;
                }
                why = e.getMessage();
            } catch (Refused e) {
                publish(new LinkState(LinkState.Phase.STOPPED, e.getMessage(), Duration.ZERO, 0));
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                why = rootMessage(e);
            }
            if (closed) {
                return;
            }
            attempt++;
            Duration wait = backoff.delay(attempt);
            LOG.info("link to space {} lost ({}); retry {} in {} ms", spaceId, why, attempt, wait.toMillis());
            publish(new LinkState(LinkState.Phase.RECONNECTING, why, wait, attempt));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A joined connection and the access token it was opened with. */
    private record Joined(Connection connection, String token) {
    }

    private Joined connectAndJoin() throws InterruptedException {
        Connection c;
        String token = session.accessToken();
        try {
            c = Connection.open(session.http(), session.api().webSocketUri(token), TIMEOUT);
        } catch (IllegalStateException e) {
            if (String.valueOf(rootMessage(e)).contains("401")) {
                session.refresh();
                token = session.accessToken();
                c = Connection.open(session.http(), session.api().webSocketUri(token), TIMEOUT);
            } else {
                throw e;
            }
        }
        String ref = nextRef("join");
        var welcome = new CompletableFuture<ServerMessage.Welcome>();
        AtomicLong seen = new AtomicLong();
        final Connection connection = c;
        c.onMessage(m -> {
            if (m instanceof ServerMessage.Welcome w && ref.equals(w.ref())) {
                welcome.complete(w);
            } else if (m instanceof ServerMessage.Error e && ref.equals(e.ref())) {
                welcome.completeExceptionally(new Refused(e.message()));
            }
            if (m instanceof ServerMessage.Correction corr) {
                placement.set(new Placement(placement.get().generation() + 1, corr.x(), corr.y()));
            }
            if (seen.incrementAndGet() % 1000 == 0) {
                connection.clearInbox(); // nobody awaits on the UI's connection; keep memory flat
            }
            deliver(m);
        });
        c.send(new ClientMessage.Join(spaceId, ref));
        ServerMessage.Welcome w;
        try {
            w = welcome.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            c.close();
            if (e.getCause() instanceof Refused r) {
                throw r;
            }
            throw new IllegalStateException(rootMessage(e));
        } catch (java.util.concurrent.TimeoutException e) {
            c.close();
            throw new IllegalStateException("the server did not answer the join within " + TIMEOUT.toSeconds() + " s");
        }
        placement.set(new Placement(placement.get().generation() + 1, w.you().x(), w.you().y()));
        synchronized (this) {
            current.set(c);
            ClientMessage.StatusChange s = status;
            if (s != null) {
                c.send(s);
            }
            while (!outbox.isEmpty()) {
                c.send(outbox.removeFirst());
            }
            state.set(LinkState.up());
        }
        LOG.info("joined space {} as {}", spaceId, w.you().userId());
        publish(LinkState.up());
        return new Joined(c, token);
    }

    /** Waits until the socket closes, pinging so a dead network is noticed; returns why it closed. */
    private String awaitClose(Connection c, String boundToken) throws InterruptedException {
        String bound = boundToken;
        while (!closed) {
            try {
                Connection.Closed how = c.closed().get(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                lastWorld.set(c.world().snapshot());
                current.compareAndSet(c, null);
                if (how.code() == CloseCodes.REPLACED) {
                    throw new Refused("You opened this space in another window, so this one was disconnected.");
                }
                if (how.code() == CloseCodes.SIGNED_OUT) {
                    throw new Refused("Your account was signed out. Sign in again to continue.");
                }
                if (how.code() == CloseCodes.KICKED || how.code() == CloseCodes.BANNED
                        || how.code() == CloseCodes.REMOVED) {
                    throw new Refused(how.code() == CloseCodes.BANNED ? "You were banned from this space."
                            : how.code() == CloseCodes.KICKED ? "An admin removed you from this space."
                            : "You are no longer a member of this space.");
                }
                return how.reason() == null || how.reason().isBlank()
                        ? "the connection closed (" + how.code() + ")" : how.reason();
            } catch (java.util.concurrent.TimeoutException e) {
                c.send(new ClientMessage.Ping(nextRef("ping")));
                // The connection is bound to its access token: hand it the fresh one before the old expires.
                String fresh = session.accessToken();
                if (!fresh.equals(bound)) {
                    c.send(new ClientMessage.Auth(fresh, nextRef("auth")));
                    bound = fresh;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                current.compareAndSet(c, null);
                return rootMessage(e);
            }
        }
        return "closed";
    }

    private void deliver(ServerMessage m) {
        for (var l : messageListeners) {
            try {
                l.accept(m);
            } catch (RuntimeException e) {
                LOG.warn("message listener failed on {}", m.getClass().getSimpleName(), e);
            }
        }
    }

    private void publish(LinkState s) {
        state.set(s);
        for (var l : stateListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("state listener failed", e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The server said no in a way that retrying will not fix. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
