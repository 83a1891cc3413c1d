package io.skyscope.client;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in user in one space that stays connected: when the connection drops or the server
 * restarts it reconnects with growing back-off ({@link SessionLink}), renews its token if it is no
 * longer accepted, rejoins the space, walks back to where it was, says its status again and
 * delivers what its {@link Outbox} holds: the chat messages the server had not acknowledged (same
 * {@code clientMessageId}, so nothing is stored twice) and what waited for the link. It also
 * fetches the space's map whenever the space shows a new one, and tracks where the server placed
 * me for a walker. The server binds a connection to its access token, so each time the
 * {@link Tokens} are renewed the session hands the fresh access token to the connection in an
 * {@code auth} message. A close that reconnecting cannot mend (replaced, signed out, kicked,
 * banned, removed) ends the session with a message for the user ({@link LinkStatus}).
 *
 * <p>The {@link WorldState}, the outbox and the listeners belong to the session and outlive
 * connections, so the world stays readable while reconnecting. Threads: frames arrive on the
 * current connection's receive thread; a {@code session-link} virtual thread connects, pings and
 * reconnects; a {@code token-renewal} virtual thread renews the tokens when due; every public
 * method may be called from any thread.
 */
public final class Session implements WorldSource, AutoCloseable {
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
     * @param firstRetry the first reconnect waits this long (less jitter), each next one twice as long
     * @param maxRetry   ... up to this
     */
    public record Options(Duration timeout, Duration firstRetry, Duration maxRetry) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(10), Duration.ofMillis(250),
                Duration.ofSeconds(10));

        /**
         * The wait before reconnect attempt {@code attempt} (1 = the first retry): doubling from
         * {@code firstRetry} up to {@code maxRetry}, less up to a fifth of random jitter, so that many
         * clients dropped by one server restart do not all knock again at once.
         */
        public Duration retryDelay(int attempt) {
            long base = firstRetry.toMillis() << Math.min(20, Math.max(0, attempt - 1));
            long capped = Math.min(base, maxRetry.toMillis());
            long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
            return Duration.ofMillis(capped - jitter);
        }
    }

    private final Tokens tokens;
    private final String spaceId;
    private final Options options;
    private final WorldState world = new WorldState();
    private final Outbox outbox = new Outbox();
    private final SessionEvents events = new SessionEvents();
    private final Consumer<AuthResponse> handOver = this::handOver;
    private final AtomicReference<Placement> placement = new AtomicReference<>(Placement.NONE);
    private final AtomicLong refs = new AtomicLong();
    private final Object lock = new Object();
    /** Held while sending or queueing, so that what waited goes out before anything newer. */
    private final Object sending = new Object();
    private final SessionLink link = new SessionLink(this);
    private final Etiquette etiquette = new Etiquette(this);
    private final Desks desks = new Desks(this);

    private volatile Connection connection;
    private volatile LinkStatus status = LinkStatus.CONNECTING;
    private volatile ServerMessage.Welcome welcome;
    private volatile int reconnects;
    private boolean joinedBefore;
    private double[] lastPosition;
    private boolean started;

    private Session(Tokens tokens, String spaceId, Options options) {
        this.tokens = tokens;
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
        return open(Tokens.signIn(api, credentials), spaceId, options);
    }

    public static Session open(SkyScopeApi api, Credentials credentials, String spaceId) {
        return open(api, credentials, spaceId, Options.DEFAULTS);
    }

    /** Connects with tokens already held and joins; returns once the welcome arrived, like {@link #open}. */
    public static Session open(Tokens tokens, String spaceId, Options options) {
        var session = new Session(tokens, spaceId, options);
        session.link.join();
        session.startThreads(true);
        return session;
    }

    /**
     * A session that has not connected yet: add listeners, then {@link #start()} it. It then
     * retries from the first attempt on, as it does after a drop.
     */
    public static Session create(Tokens tokens, String spaceId, Options options) {
        return new Session(tokens, spaceId, options);
    }

    /** Starts connecting in the background; returns at once. */
    public synchronized Session start() {
        if (!started && status.state() == State.CONNECTING) {
            startThreads(false);
        }
        return this;
    }

    private synchronized void startThreads(boolean connected) {
        started = true;
        tokens.onRenewed(handOver);
        link.start(connected);
    }

    public WorldState world() {
        return world;
    }

    @Override
    public World snapshot() {
        return world.snapshot();
    }

    @Override
    public Placement placement() {
        return placement.get();
    }

    /** The last welcome (ICE servers, rules), or null before the first. */
    public ServerMessage.Welcome welcome() {
        return welcome;
    }

    public AuthResponse auth() {
        return tokens.current();
    }

    public Tokens tokens() {
        return tokens;
    }

    public String userId() {
        return tokens.userId();
    }

    public SkyScopeApi api() {
        return tokens.api();
    }

    public String spaceId() {
        return spaceId;
    }

    public State state() {
        return status.state();
    }

    /** The state with what to tell the user (why the link is down, the next attempt). */
    public LinkStatus link() {
        return status;
    }

    /** How many times the session reconnected. */
    public int reconnects() {
        return reconnects;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Room locks, knocks, waves and reactions. */
    public Etiquette etiquette() {
        return etiquette;
    }

    /** Desks: who holds which, my desk's notes, "go to my desk". */
    public Desks desks() {
        return desks;
    }

    /** A fresh reference for a request ({@code prefix-N}), to match the server's answer or error. */
    public String nextRef(String prefix) {
        return prefix + "-" + refs.incrementAndGet();
    }

    /** Runs for every message received, on the receive thread, across reconnects. */
    public void onMessage(Consumer<ServerMessage> listener) {
        events.onMessage(listener);
    }

    /**
     * Like {@link #onMessage}, but first replays the voice messages of my current voice set (each
     * peer's {@code voice.join} and their signals since), atomically with respect to new messages:
     * a voice engine attached after the join misses nothing and sees nothing twice.
     */
    public void onMessageCatchingUpOnVoice(Consumer<ServerMessage> listener) {
        events.onMessageCatchingUpOnVoice(listener);
    }

    public void removeListener(Consumer<ServerMessage> listener) {
        events.removeListener(listener);
    }

    /** Runs on every state change, on the thread that made it. Must not block. */
    public void onState(Consumer<State> listener) {
        events.onState(listener);
    }

    public void removeStateListener(Consumer<State> listener) {
        events.removeStateListener(listener);
    }

    /** Runs on every change of {@link #link()} (each retry too), on the thread that made it. Must not block. */
    public void onLink(Consumer<LinkStatus> listener) {
        events.onLink(listener);
    }

    /** Sends now if connected; while reconnecting the message is dropped (moves, signals, typing). */
    public boolean send(ClientMessage message) {
        synchronized (sending) {
            Connection c = connection;
            if (c == null || !c.isOpen() || !status.isOnline()) {
                return false;
            }
            c.send(message);
            return true;
        }
    }

    /**
     * Sends now if connected; while reconnecting the message waits in the {@link Outbox} and goes
     * out once after the next join (edits, deletions, read marks, my voice state).
     */
    public void sendOrQueue(ClientMessage message) {
        synchronized (sending) {
            if (!send(message)) {
                outbox.queue(message);
            }
        }
    }

    /**
     * Sends a message that must arrive once (chat): kept until {@link Outbox#acknowledged} and
     * resent after every reconnect until then.
     */
    public void sendReliably(String clientMessageId, ClientMessage message) {
        synchronized (sending) {
            outbox.add(clientMessageId, message);
            send(message);
        }
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

    /** Sets my status now if online, and again after every reconnect; returns whether it went out now. */
    public boolean setStatus(Status newStatus, String text) {
        var message = new ClientMessage.StatusChange(newStatus, text, nextRef("status"));
        synchronized (sending) {
            outbox.status(message);
            return send(message);
        }
    }

    /** Walks (one step) to (x, y): the server checks the speed. Returns the move's seq, or -1 offline. */
    @Override
    public long move(double x, double y) {
        Connection c = connection;
        if (c == null || !status.isOnline()) {
            return -1;
        }
        return c.move(x, y);
    }

    /** Waits for a message across reconnects; see {@link Connection#await}. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        return events.inbox().await(type, match, timeout, () -> "link=" + status + ", last close=" + link.lastClose());
    }

    public <T extends ServerMessage> T await(Class<T> type, Duration timeout) {
        return await(type, m -> true, timeout);
    }

    public void clearInbox() {
        events.inbox().clear();
    }

    /** Drops the current connection as a network failure would (tests, and a "reconnect now" button). */
    public void dropConnection() {
        Connection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    /** Leaves the space and closes for good. */
    @Override
    public void close() {
        Connection c = connection;
        if (c != null && status.isOnline()) {
            try {
                c.send(new ClientMessage.Leave(nextRef("leave")));
            } catch (RuntimeException e) {
                // leaving is a courtesy; the close below is what counts
            }
        }
        stop("Left the space.");
    }

    // ---- for SessionLink -------------------------------------------------------------------

    Options options() {
        return options;
    }

    WorldState worldState() {
        return world;
    }

    Connection connection() {
        return connection;
    }

    /** Where I stood before this join, to walk back to after a reconnect; null before the first. */
    double[] lastPosition() {
        synchronized (lock) {
            return lastPosition;
        }
    }

    /**
     * Joined with {@code c}: says my status, sends what the outbox holds and, after a reconnect,
     * walks back to where I stood ({@code before}).
     */
    void joined(Connection c, ServerMessage.Welcome welcomed, double[] before) {
        boolean again;
        synchronized (sending) {
            if (status.state() == State.CLOSED) {
                c.close();
                return;
            }
            connection = c;
            again = joinedBefore;
            joinedBefore = true;
            outbox.afterJoin().forEach(c::send);
            status = LinkStatus.ONLINE;
        }
        events.linkChanged(LinkStatus.ONLINE, true); // outside the lock: listeners may send
        LOG.info("{} joined {} ({} pending chat messages)", tokens.username(), spaceId, outbox.size());
        if (again) {
            reconnects++;
            if (before != null) {
                Walker.walkBack(this, welcomed.you(), before);
            }
        }
    }

    /** The link is down; the voice set went with it. */
    void lost(LinkStatus next) {
        events.connectionLost();
        setLink(next);
    }

    /** Ends the session for good, telling the user {@code why}. */
    void stop(String why) {
        setLink(LinkStatus.closed(why));
        tokens.removeListener(handOver);
        link.interrupt();
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        events.inbox().wake();
    }

    void setLink(LinkStatus next) {
        boolean changed;
        synchronized (sending) {
            if (status.state() == State.CLOSED) {
                return;
            }
            changed = status.state() != next.state();
            status = next;
        }
        events.linkChanged(next, changed);
    }

    // ---- internals -------------------------------------------------------------------------

    /** Fresh tokens: the connection is bound to the old access token, so it gets the new one. */
    private void handOver(AuthResponse fresh) {
        if (send(new ClientMessage.Auth(fresh.accessToken(), nextRef("auth")))) {
            LOG.debug("{}: access token renewed", fresh.username());
        }
    }

    /** A message from the current connection, on its receive thread. */
    void received(ServerMessage message) {
        events.received(message, this::track);
    }

    /** What the session itself keeps of a message, before the listeners hear it. */
    private void track(ServerMessage message) {
        switch (message) {
            case ChatEvent.Ack ack -> outbox.acknowledged(ack.clientMessageId());
            case ServerMessage.Welcome w -> {
                welcome = w;
                placement.updateAndGet(p -> p.next(w.you().x(), w.you().y()));
                fetchMap(w.space());
            }
            case ServerMessage.MapChanged c -> fetchMap(world.snapshot().space());
            case ServerMessage.Correction c -> {
                placement.updateAndGet(p -> p.next(c.x(), c.y()));
                LOG.debug("{}: move {} corrected to {},{}: {}", tokens.username(), c.seq(), c.x(), c.y(), c.reason());
            }
            default -> {
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
                        tokens.api().map(tokens.accessToken(), space.mapId(), space.mapVersion()));
            } catch (RuntimeException e) {
                LOG.warn("cannot fetch map {} v{}: {}", space.mapId(), space.mapVersion(), e.getMessage());
            }
        });
    }
}
