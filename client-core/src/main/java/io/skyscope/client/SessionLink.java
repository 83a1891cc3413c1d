package io.skyscope.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that keeps a {@link Session} joined: connects, pings while joined so that a dead
 * network is noticed, and when the connection closes either stops for good (a close code that
 * reconnecting cannot mend, a refused join, a sign-in that is over) or waits
 * ({@link Session.Options#retryDelay}) and connects again. Runs on the session's {@code session-link} virtual thread.
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
    private volatile Connection.Closed lastClose;

    SessionLink(Session session) {
        this.session = session;
    }

    Connection.Closed lastClose() {
        return lastClose;
    }

    void interrupt() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    /** @param connected whether the session is joined already (else it connects at once) */
    void run(boolean connected) {
        thread = Thread.currentThread();
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
                session.connect();
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

    /** Waits until the connection closes, pinging now and then; null if interrupted. */
    private Connection.Closed awaitClose(Connection c) {
        while (session.state() != Session.State.CLOSED) {
            try {
                return c.closed().get(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                session.send(new io.skyscope.protocol.ClientMessage.Ping(session.nextRef("ping")));
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
