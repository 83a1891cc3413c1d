package io.skyscope.client;

import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that keep a {@link Session} joined. The {@code session-link} loop connects (renewing
 * the access token if the server refuses it) and joins, pings while joined so that a dead network
 * is noticed, and when the connection closes either stops for good (a close code that
 * reconnecting cannot mend, a refused join, a sign-in that is over) or waits
 * ({@link Session.Options#retryDelay}) and connects again. The {@code token-renewal} thread renews
 * the session's {@link Tokens} when they are due (the session hands the fresh access token to its
 * connection).
 */
final class SessionLink {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLink.class);
    private static final Duration PING_EVERY = Duration.ofSeconds(20);

    /** The server said no in a way that retrying will not fix. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Session session;
    private volatile Thread thread;
    private volatile Thread renewal;
    private volatile Connection.Closed lastClose;

    SessionLink(Session session) {
        this.session = session;
    }

    Connection.Closed lastClose() {
        return lastClose;
    }

    /** @param connected whether the session is joined already (else it connects at once) */
    void start(boolean connected) {
        thread = Thread.ofVirtual().name("session-link-" + session.spaceId()).start(() -> run(connected));
        renewal = Thread.ofVirtual().name("token-renewal").start(this::renewWhenDue);
    }

    void interrupt() {
        for (Thread t : new Thread[] {thread, renewal}) {
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    /**
     * Opens a connection and joins the session's space; the session then sends what it owes.
     * Throws {@link Refused} if the server refuses the join, an {@link ApiError} if the sign-in is over.
     */
    void join() {
        double[] before = session.lastPosition();
        Connection c = openConnection();
        String ref = session.nextRef("join");
        ServerMessage answer;
        try {
            AtomicLong seen = new AtomicLong();
            c.onMessage(m -> {
                session.received(m);
                if (seen.incrementAndGet() % 1000 == 0) {
                    c.clearInbox(); // only the join's answer is awaited on the connection: keep memory flat
                }
            });
            c.send(new ClientMessage.Join(session.spaceId(), ref));
            answer = c.await(ServerMessage.class, m -> m instanceof ServerMessage.Welcome
                    || m instanceof ServerMessage.Error e && ref.equals(e.ref()), session.options().timeout());
        } catch (RuntimeException | AssertionError e) {
            c.abort();
            throw e;
        }
        if (answer instanceof ServerMessage.Error refused) {
            c.close();
            throw new Refused(refused.message());
        }
        session.joined(c, (ServerMessage.Welcome) answer, before);
    }

    private void run(boolean connected) {
        Session.Options options = session.options();
        int attempt = 0;
        String why = null;
        boolean joined = connected;
        boolean first = !connected;
        while (session.state() != Session.State.CLOSED) {
            if (joined) {
                Connection.Closed how = awaitClose(session.connection());
                if (how == null || session.state() == Session.State.CLOSED) {
                    return;
                }
                lastClose = how;
                String end = LinkStatus.finalMessage(how.code());
                if (end != null) {
                    LOG.warn("{}: the server ended the session for good ({} {})", session.auth().username(),
                            how.code(), how.reason());
                    session.stop(end);
                    return;
                }
                why = LinkStatus.describe(how);
                attempt = 0;
            }
            if (!first) {
                attempt++;
                Duration wait = options.retryDelay(attempt);
                LOG.info("{}: link to {} lost ({}); retry {} in {} ms", session.auth().username(), session.spaceId(),
                        why, attempt, wait.toMillis());
                session.lost(LinkStatus.reconnecting(why, wait, attempt));
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            first = false;
            joined = false;
            try {
                join();
                joined = true;
            } catch (Refused e) {
                session.stop(e.getMessage());
                return;
            } catch (ApiError e) {
                if (e.status() == 401) {
                    session.stop(LinkStatus.SIGN_IN_AGAIN);
                    return;
                }
                why = e.getMessage();
            } catch (RuntimeException | AssertionError e) {
                why = rootMessage(e);
            }
        }
    }

    private Connection openConnection() {
        Tokens tokens = session.tokens();
        SkyScopeApi api = tokens.api();
        Duration timeout = session.options().timeout();
        try {
            return Connection.open(api.http(), api.webSocketUri(tokens.accessToken(), PresenceEncoding.BINARY), timeout, session.worldState());
        } catch (IllegalStateException e) {
            if (Connection.handshakeStatus(e) != 401) {
                throw e;
            }
        }
        // The access token expired or the server's key changed: renew, or sign in afresh.
        tokens.renew();
        return Connection.open(api.http(), api.webSocketUri(tokens.accessToken(), PresenceEncoding.BINARY), timeout, session.worldState());
    }

    /**
     * Renews the tokens when they are due (another user of the same {@link Tokens} may have done
     * so already). If the server refuses, the connection closes when the old token expires and the
     * link reconnects, or stops if the sign-in is over.
     */
    private void renewWhenDue() {
        Tokens tokens = session.tokens();
        while (session.state() != Session.State.CLOSED) {
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

    /** Waits until the connection closes, pinging now and then; null if interrupted. */
    private Connection.Closed awaitClose(Connection c) {
        while (session.state() != Session.State.CLOSED) {
            try {
                return c.closed().get(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                session.send(new ClientMessage.Ping(session.nextRef("ping")));
            } catch (InterruptedException e) {
                return null;
            } catch (Exception e) {
                return new Connection.Closed(1006, rootMessage(e));
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
