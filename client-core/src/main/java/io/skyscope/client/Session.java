package io.skyscope.client;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final Inbox inbox = new Inbox();
    private final Outbox outbox = new Outbox();
    private final List<Consumer<ServerMessage>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkStatus>> linkListeners = new CopyOnWriteArrayList<>();
    private final Consumer<AuthResponse> handOver = this::handOver;
    private final AtomicReference<Placement> placement = new AtomicReference<>(Placement.NONE);
    private final AtomicLong refs = new AtomicLong();
    private final Object lock = new Object();
    /** Held while a message is dispatched to listeners, so that a listener can join without a gap. */
    private final Object dispatch = new Object();
    /** Held while sending or queueing, so that what waited goes out before anything newer. */
    private final Object sending = new Object();
    private final VoiceBacklog voiceBacklog = new VoiceBacklog();
    private final SessionLink link = new SessionLink(this);

    private volatile Connection connection;
    private volatile LinkStatus status = LinkStatus.CONNECTING;
    private volatile ServerMessage.Welcome welcome;
    private volatile int reconnects;
    private boolean joinedBefore;
    private double[] lastPosition;
    private Thread renewal;

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
        session.connect();
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
        if (renewal == null && status.state() == State.CONNECTING) {
            startThreads(false);
        }
        return this;
    }

    private synchronized void startThreads(boolean connected) {
        tokens.onRenewed(handOver);
        Thread.ofVirtual().name("session-link-" + spaceId).start(() -> link.run(connected));
        renewal = Thread.ofVirtual().name("token-renewal").start(this::renewTokens);
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

    /** A fresh reference for a request ({@code prefix-N}), to match the server's answer or error. */
    public String nextRef(String prefix) {
        return prefix + "-" + refs.incrementAndGet();
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

    public void removeStateListener(Consumer<State> listener) {
        stateListeners.remove(listener);
    }

    /** Runs on every change of {@link #link()} (each retry too), on the thread that made it. Must not block. */
    public void onLink(Consumer<LinkStatus> listener) {
        linkListeners.add(listener);
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
        return inbox.await(type, match, timeout, () -> "link=" + status + ", last close=" + link.lastClose());
    }

    public <T extends ServerMessage> T await(Class<T> type, Duration timeout) {
        return await(type, m -> true, timeout);
    }

    public void clearInbox() {
        inbox.clear();
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

    Connection connection() {
        return connection;
    }

    /**
     * Opens a connection and joins; then says my status, sends what the outbox holds and, after a
     * reconnect, walks back to where I stood. Throws {@link SessionLink.Refused} if the server
     * refuses the join, an {@link ApiError} if the sign-in is over.
     */
    void connect() {
        double[] before;
        synchronized (lock) {
            before = lastPosition;
        }
        Connection c = openConnection();
        String ref = nextRef("join");
        ServerMessage answer;
        try {
            AtomicLong seen = new AtomicLong();
            c.onMessage(m -> {
                received(m);
                if (seen.incrementAndGet() % 1000 == 0) {
                    c.clearInbox(); // only the join's answer is awaited on the connection: keep memory flat
                }
            });
            c.send(new ClientMessage.Join(spaceId, ref));
            answer = c.await(ServerMessage.class, m -> m instanceof ServerMessage.Welcome
                    || m instanceof ServerMessage.Error e && ref.equals(e.ref()), options.timeout());
        } catch (RuntimeException | AssertionError e) {
            c.abort();
            throw e;
        }
        if (answer instanceof ServerMessage.Error refused) {
            c.close();
            throw new SessionLink.Refused(refused.message());
        }
        var welcomed = (ServerMessage.Welcome) answer;
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
            publish(LinkStatus.ONLINE, true);
        }
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
        synchronized (dispatch) {
            voiceBacklog.clear();
        }
        setLink(next);
        inbox.wake();
    }

    /** Ends the session for good, telling the user {@code why}. */
    void stop(String why) {
        setLink(LinkStatus.closed(why));
        tokens.removeListener(handOver);
        link.interrupt();
        Thread t = renewal;
        if (t != null) {
            t.interrupt();
        }
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        inbox.wake();
    }

    void setLink(LinkStatus next) {
        synchronized (sending) {
            if (status.state() == State.CLOSED) {
                return;
            }
            boolean changed = status.state() != next.state();
            status = next;
            publish(next, changed);
        }
    }

    // ---- internals -------------------------------------------------------------------------

    private Connection openConnection() {
        SkyScopeApi api = tokens.api();
        try {
            return Connection.open(api.http(), api.webSocketUri(tokens.accessToken()), options.timeout(), world);
        } catch (IllegalStateException e) {
            if (Connection.handshakeStatus(e) != 401) {
                throw e;
            }
        }
        // The access token expired or the server's key changed: renew, or sign in afresh.
        tokens.renew();
        return Connection.open(api.http(), api.webSocketUri(tokens.accessToken()), options.timeout(), world);
    }

    /** Fresh tokens: the connection is bound to the old access token, so it gets the new one. */
    private void handOver(AuthResponse fresh) {
        if (send(new ClientMessage.Auth(fresh.accessToken(), nextRef("auth")))) {
            LOG.debug("{}: access token renewed", fresh.username());
        }
    }

    /**
     * Renews the tokens when they are due (another user of the same {@link Tokens} may have done
     * so already). If the server refuses, the connection closes when the old token expires and the
     * link reconnects, or stops if the sign-in is over.
     */
    private void renewTokens() {
        while (status.state() != State.CLOSED) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, tokens.renewAtNanos() - System.nanoTime())));
            } catch (InterruptedException e) {
                return;
            }
            try {
                tokens.accessToken();
            } catch (RuntimeException e) {
                LOG.info("{}: cannot renew the access token now: {}", tokens.username(), e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(5));
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
        for (var l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("session listener failed on {}", message.getClass().getSimpleName(), e);
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

    private void publish(LinkStatus next, boolean stateChanged) {
        for (var l : linkListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("session link listener failed", e);
            }
        }
        if (!stateChanged) {
            return;
        }
        for (var l : stateListeners) {
            try {
                l.accept(next.state());
            } catch (RuntimeException e) {
                LOG.warn("session state listener failed", e);
            }
        }
    }
}
