package io.skyscope.client;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in user in one space that stays connected: when the connection drops or the server
 * restarts it reconnects with growing back-off, signs in again if its token is no longer accepted,
 * rejoins the space, walks back to where it was, and resends the chat messages the server had not
 * acknowledged (same {@code clientMessageId}, so nothing is stored twice). It also fetches the
 * space's map whenever the space shows a new one. The server binds a connection to its access
 * token, so shortly before the token expires the session refreshes it and hands the fresh one to
 * the connection in an {@code auth} message.
 *
 * <p>The {@link WorldState} and the listeners belong to the session and outlive connections.
 * Threads: frames arrive on the current connection's receive thread; a {@code session-supervisor}
 * virtual thread reconnects; a {@code token-renewal} virtual thread renews the access token; every
 * public method may be called from any thread.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    public enum State { CONNECTING, ONLINE, RECONNECTING, CLOSED }

    /**
     * Who to sign in as. With a {@code displayName}, an account that does not exist yet is
     * registered; without one, only login is tried.
     */
    public record Credentials(String username, String password, String displayName) {
    }

    /**
     * @param timeout    for each request and for the welcome
     * @param firstRetry the first reconnect waits this long (plus jitter), each next one twice as long
     * @param maxRetry   ... up to this
     */
    public record Options(Duration timeout, Duration firstRetry, Duration maxRetry) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(10), Duration.ofMillis(250),
                Duration.ofSeconds(10));
    }

    private final SkyScopeApi api;
    private final Credentials credentials;
    private final String spaceId;
    private final Options options;
    private final WorldState world = new WorldState();
    private final Inbox inbox = new Inbox();
    private final Outbox outbox = new Outbox();
    private final List<Consumer<ServerMessage>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Held while a message is dispatched to listeners, so that a listener can join without a gap. */
    private final Object dispatch = new Object();
    private final VoiceBacklog voiceBacklog = new VoiceBacklog();
    /** Renew this long before the access token expires. */
    private static final Duration RENEW_EARLY = Duration.ofSeconds(60);

    private volatile AuthResponse auth;
    /** When {@link #auth} was obtained ({@link System#nanoTime}). */
    private volatile long authAtNanos;
    private volatile Connection connection;
    private volatile State state = State.CONNECTING;
    private volatile Connection.Closed lastClose;
    private volatile ServerMessage.Welcome welcome;
    private volatile int reconnects;
    private double[] lastPosition;
    private Thread supervisor;
    private Thread renewal;

    private Session(SkyScopeApi api, Credentials credentials, String spaceId, Options options) {
        this.api = api;
        this.credentials = credentials;
        this.spaceId = spaceId;
        this.options = options;
        world.onChange(w -> {
            Person me = w.self();
            if (me != null) {
                synchronized (lock) {
                    lastPosition = new double[] {me.x(), me.y()};
                }
            }
        });
    }

    /**
     * Signs in (registering if allowed and needed), connects and joins {@code spaceId}; returns
     * once the welcome arrived. Fails if the first attempt fails; later drops are recovered.
     */
    public static Session open(SkyScopeApi api, Credentials credentials, String spaceId, Options options) {
        var session = new Session(api, credentials, spaceId, options);
        session.authenticated(session.signIn());
        session.connect(false);
        session.supervisor = Thread.ofVirtual().name("session-supervisor").start(session::supervise);
        session.renewal = Thread.ofVirtual().name("token-renewal").start(session::renewTokens);
        return session;
    }

    public static Session open(SkyScopeApi api, Credentials credentials, String spaceId) {
        return open(api, credentials, spaceId, Options.DEFAULTS);
    }

    public WorldState world() {
        return world;
    }

    public World snapshot() {
        return world.snapshot();
    }

    /** The last welcome (ICE servers, rules), or null before the first. */
    public ServerMessage.Welcome welcome() {
        return welcome;
    }

    public AuthResponse auth() {
        return auth;
    }

    public String userId() {
        return auth.userId();
    }

    public SkyScopeApi api() {
        return api;
    }

    public State state() {
        return state;
    }

    /** How many times the session reconnected. */
    public int reconnects() {
        return reconnects;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Runs for every message received, on the receive thread, across reconnects. */
    public void onMessage(Consumer<ServerMessage> listener) {
        listeners.add(listener);
    }

    /**
     * Like {@link #onMessage}, but first replays the voice messages of my current voice set (each
     * peer's {@code voice.join} and their signals since), atomically with respect to new messages:
     * a voice engine attached after the join misses nothing and sees nothing twice.
     */
    public void onMessageCatchingUpOnVoice(Consumer<ServerMessage> listener) {
        synchronized (dispatch) {
            voiceBacklog.replay().forEach(listener);
            listeners.add(listener);
        }
    }

    public void removeListener(Consumer<ServerMessage> listener) {
        listeners.remove(listener);
    }

    /** Runs on every state change, on the thread that made it. Must not block. */
    public void onState(Consumer<State> listener) {
        stateListeners.add(listener);
    }

    /** Sends now if connected; while reconnecting the message is dropped (moves, status, signals). */
    public boolean send(ClientMessage message) {
        Connection c = connection;
        if (c == null || !c.isOpen() || state != State.ONLINE) {
            return false;
        }
        c.send(message);
        return true;
    }

    /**
     * Sends a message that must arrive once (chat): kept until {@link Outbox#acknowledged} and
     * resent after every reconnect until then.
     */
    public void sendReliably(String clientMessageId, ClientMessage message) {
        outbox.add(clientMessageId, message);
        send(message);
    }

    /**
     * Posts a chat message to {@code channel} ({@code space}, {@code nearby} or {@code conv:<id>});
     * it is resent after reconnects until the server acknowledges it. Returns its clientMessageId.
     */
    public String say(String channel, String text) {
        String id = UUID.randomUUID().toString().replace("-", "");
        sendReliably(id, new ChatCommand.Send(channel, text, id, null, null));
        return id;
    }

    public boolean setStatus(Status status, String text) {
        return send(new ClientMessage.StatusChange(status, text, null));
    }

    /** Walks (one step) to (x, y): the server checks the speed. Returns the move's seq, or -1 offline. */
    public long move(double x, double y) {
        Connection c = connection;
        if (c == null || state != State.ONLINE) {
            return -1;
        }
        return c.move(x, y);
    }

    /** Waits for a message across reconnects; see {@link Connection#await}. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        return inbox.await(type, match, timeout, () -> "state=" + state + ", last close=" + lastClose);
    }

    public <T extends ServerMessage> T await(Class<T> type, Duration timeout) {
        return await(type, m -> true, timeout);
    }

    public void clearInbox() {
        inbox.clear();
    }

    /** Drops the current connection as a network failure would (tests, and a "reconnect" button). */
    public void dropConnection() {
        Connection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    @Override
    public void close() {
        setState(State.CLOSED);
        for (Thread t : new Thread[] {supervisor, renewal}) {
            if (t != null) {
                t.interrupt();
            }
        }
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        inbox.wake();
    }

    // ---- internals -------------------------------------------------------------------------

    private AuthResponse signIn() {
        try {
            return api.login(credentials.username(), credentials.password());
        } catch (ApiError e) {
            if (e.status() != 401 || credentials.displayName() == null) {
                throw e;
            }
            try {
                LOG.info("registering {}", credentials.username());
                return api.register(credentials.username(), credentials.password(), credentials.displayName());
            } catch (ApiError registration) {
                if ("username_taken".equals(registration.code())) {
                    throw e; // the account exists: the password was wrong
                }
                throw registration;
            }
        }
    }

    /** Opens a connection and joins; after a reconnect walks back and resends the outbox. */
    private void connect(boolean again) {
        double[] before;
        synchronized (lock) {
            before = lastPosition;
        }
        Connection c = openConnection();
        ServerMessage.Welcome welcome;
        try {
            c.onMessage(this::received);
            c.send(new ClientMessage.Join(spaceId, "session-join"));
            welcome = c.await(ServerMessage.Welcome.class, options.timeout());
        } catch (RuntimeException | AssertionError e) {
            c.abort();
            throw e;
        }
        connection = c;
        setState(State.ONLINE);
        if (again) {
            reconnects++;
            LOG.info("{} reconnected to {} ({} pending chat messages)", auth.username(), spaceId, outbox.size());
            outbox.pending().forEach(c::send);
            if (before != null) {
                Walker.walkBack(this, welcome.you(), before);
            }
        }
    }

    private Connection openConnection() {
        try {
            return Connection.open(api.http(), api.webSocketUri(auth.accessToken()), options.timeout(), world);
        } catch (IllegalStateException e) {
            if (Connection.handshakeStatus(e) != 401) {
                throw e;
            }
        }
        // The access token expired or the server's key changed: refresh, or sign in afresh.
        refreshOrSignIn();
        return Connection.open(api.http(), api.webSocketUri(auth.accessToken()), options.timeout(), world);
    }

    private synchronized void refreshOrSignIn() {
        try {
            authenticated(api.refresh(auth.refreshToken()));
        } catch (ApiError e) {
            authenticated(signIn());
        }
    }

    private void authenticated(AuthResponse fresh) {
        authAtNanos = System.nanoTime();
        auth = fresh;
    }

    /**
     * Shortly before the access token expires: a fresh one, handed to the connection. If the
     * server refuses it, the connection closes when the old one expires and the supervisor
     * reconnects.
     */
    private void renewTokens() {
        while (state != State.CLOSED) {
            long lifetime = TimeUnit.SECONDS.toNanos(auth.expiresIn());
            long renewAt = authAtNanos + Math.max(lifetime / 2, lifetime - RENEW_EARLY.toNanos());
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, renewAt - System.nanoTime()));
            } catch (InterruptedException e) {
                return;
            }
            try {
                refreshOrSignIn();
                if (send(new ClientMessage.Auth(auth.accessToken(), "token-renewal"))) {
                    LOG.debug("{}: access token renewed", auth.username());
                }
            } catch (RuntimeException e) {
                LOG.info("{}: cannot renew the access token now: {}", auth.username(), e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(5);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void received(ServerMessage message) {
        synchronized (dispatch) {
            dispatch(message);
        }
        inbox.add(message);
    }

    private void dispatch(ServerMessage message) {
        voiceBacklog.track(message);
        switch (message) {
            case ChatEvent.Ack ack -> outbox.acknowledged(ack.clientMessageId());
            case ServerMessage.Welcome w -> {
                welcome = w;
                fetchMap(w.space());
            }
            case ServerMessage.MapChanged c -> fetchMap(world.snapshot().space());
            case ServerMessage.Correction c -> LOG.debug("{}: move {} corrected to {},{}: {}", auth.username(), c.seq(),
                    c.x(), c.y(), c.reason());
            default -> {
            }
        }
        for (var l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("session listener failed", e);
            }
        }
    }

    /** Fetches the space's map off the receive thread unless the world already holds it. */
    private void fetchMap(ServerMessage.SpaceInfo space) {
        if (space == null || world.snapshot().map() != null) {
            return;
        }
        Thread.ofVirtual().name("map-fetch").start(() -> {
            try {
                world.mapLoaded(space.mapId(), space.mapVersion(),
                        api.map(auth.accessToken(), space.mapId(), space.mapVersion()));
            } catch (RuntimeException e) {
                LOG.warn("cannot fetch map {} v{}: {}", space.mapId(), space.mapVersion(), e.getMessage());
            }
        });
    }

    private void supervise() {
        long delay = options.firstRetry().toMillis();
        while (state != State.CLOSED) {
            Connection c = connection;
            try {
                lastClose = c.closed().get();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                lastClose = new Connection.Closed(1006, e.toString());
            }
            if (state == State.CLOSED) {
                return;
            }
            if (isFinal(lastClose.code())) {
                LOG.warn("{}: the server ended the session for good ({} {})", auth.username(), lastClose.code(),
                        lastClose.reason());
                close();
                return;
            }
            synchronized (dispatch) {
                voiceBacklog.clear();
            }
            setState(State.RECONNECTING);
            inbox.wake();
            while (state == State.RECONNECTING) {
                long jittered = delay + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
                try {
                    TimeUnit.MILLISECONDS.sleep(jittered);
                } catch (InterruptedException e) {
                    return;
                }
                delay = Math.min(delay * 2, options.maxRetry().toMillis());
                try {
                    connect(true);
                    delay = options.firstRetry().toMillis();
                } catch (RuntimeException | AssertionError e) {
                    LOG.info("{}: reconnect failed, next in about {} ms: {}", auth.username(), delay, e.getMessage());
                }
            }
        }
    }

    private static boolean isFinal(int code) {
        return code == CloseCodes.REPLACED || code == CloseCodes.SIGNED_OUT || code == CloseCodes.UNSUPPORTED_PROTOCOL
                || code == CloseCodes.BANNED || code == CloseCodes.REMOVED;
    }

    private void setState(State next) {
        if (state == next || state == State.CLOSED) {
            return;
        }
        state = next;
        for (var l : stateListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("session state listener failed", e);
            }
        }
    }
}
