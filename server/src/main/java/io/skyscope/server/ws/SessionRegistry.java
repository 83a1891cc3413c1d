package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.space.SpaceExits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections on this node: one per user, on any node. A user who connects again, here or on
 * another node, replaces the older connection, which is told why and closed with {@link
 * CloseCodes#REPLACED}. Each connection receives its user's bus topic: frames, and a few control
 * lines that never start with {@code '{'} (frames are JSON objects) and are acted on here:
 * <ul>
 *   <li>{@code replaced-by <session>}: the user connected on another node;</li>
 *   <li>{@code exit <space> <why>}: the user lost the right to be in a space ({@link SpaceEjections}
 *       publishes it); their connection in that space is told why and closed.</li>
 * </ul>
 * Ended sign-ins come from {@link AccessCheck}: the connection they bind is closed with {@link
 * CloseCodes#SIGNED_OUT}.
 *
 * <p>Thread-safe. Sessions are closed outside the map's locks, since closing one takes it out of
 * the registry again.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private record Entry(ClientSession session, EventBus.Subscription subscription) {
    }

    /** What another node publishes on a user's topic when that user connects there. */
    private static final String REPLACED_BY = "replaced-by ";
    /** What {@link SpaceEjections} publishes on a user's topic: {@code exit <spaceId> <why>}. */
    static final String EXIT = "exit ";

    private final EventBus bus;
    private final Map<String, Entry> byUser = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> bySession = new ConcurrentHashMap<>();

    public SessionRegistry(EventBus bus) {
        this.bus = bus;
    }

    public void add(ClientSession session) {
        bySession.put(session.id(), session);
        String topic = EventBus.Topics.user(session.userId());
        Entry[] previous = new Entry[1];
        byUser.compute(session.userId(), (userId, old) -> {
            previous[0] = old;
            return new Entry(session, bus.subscribe(topic, frame -> receive(session, frame)));
        });
        if (previous[0] != null) {
            replace(previous[0], session.id());
        }
        // An older connection of the user on another node is closed there.
        bus.publishToOtherNodes(topic, REPLACED_BY + session.id());
    }

    private void receive(ClientSession session, String frame) {
        if (frame.startsWith("{") || ClientSession.isBinary(frame)) {
            session.enqueue(frame);
        } else if (frame.startsWith(REPLACED_BY)) {
            // At once, on the bus thread: what the newer connection's node publishes next must reach it.
            Entry[] replaced = new Entry[1];
            byUser.computeIfPresent(session.userId(), (userId, entry) -> {
                if (entry.session() != session) {
                    return entry;
                }
                replaced[0] = entry;
                return null;
            });
            if (replaced[0] != null) {
                replace(replaced[0], frame.substring(REPLACED_BY.length()));
            }
        } else if (frame.startsWith(EXIT)) {
            String[] parts = frame.split(" ");
            if (parts.length == 3 && parts[1].equals(session.spaceId())) {
                exit(session, SpaceExits.Exit.valueOf(parts[2]));
            }
        } else {
            LOG.warn("user {}: ignored an unknown control line on the user topic", session.userId());
        }
    }

    private static void replace(Entry previous, String newSessionId) {
        previous.subscription().close();
        LOG.info("user {}: session {} replaced by {}", previous.session().userId(), previous.session().id(), newSessionId);
        previous.session().markReplaced();
        previous.session().closeAfter(ServerMessage.Error.of(ErrorCode.REPLACED,
                "you connected again elsewhere; this connection is closed", null),
                CloseCodes.REPLACED, "replaced by a newer connection");
    }

    private static void exit(ClientSession session, SpaceExits.Exit why) {
        LOG.info("user {} session {}: taken out of space {} ({})", session.userId(), session.id(), session.spaceId(),
                why);
        switch (why) {
            case REMOVED -> session.closeAfter(ServerMessage.Error.of(ErrorCode.REMOVED,
                    "you are no longer a member of this space", null), CloseCodes.REMOVED, "removed");
            case KICKED -> session.closeAfter(ServerMessage.Error.of(ErrorCode.KICKED,
                    "an admin removed you from this space", null), CloseCodes.KICKED, "kicked");
            case BANNED -> session.closeAfter(ServerMessage.Error.of(ErrorCode.BANNED,
                    "you were banned from this space", null), CloseCodes.BANNED, "banned");
        }
    }

    /** Closes this node's connection that a revocation ends, if any. Called on the bus thread. */
    public void revoked(AccessCheck.Revocation revocation) {
        ClientSession session = ofUser(revocation.userId());
        if (session == null || !revocation.ends(session.token())) {
            return;
        }
        String why = switch (revocation) {
            case AccessCheck.Revocation.Account a when session.token().guest() ->
                    "your guest access ended (the guest link was revoked or expired)";
            case AccessCheck.Revocation.Account a -> "this account was deleted";
            case AccessCheck.Revocation.Generation g -> "the password changed or the account signed out everywhere";
            case AccessCheck.Revocation.SignIn s -> "you signed out";
        };
        LOG.info("user {} session {}: signed out ({})", session.userId(), session.id(), why);
        session.closeAfter(ServerMessage.Error.of(ErrorCode.SIGNED_OUT, why + "; sign in again", null),
                CloseCodes.SIGNED_OUT, "signed out");
    }

    public ClientSession get(String sessionId) {
        return bySession.get(sessionId);
    }

    /** The user's current connection on this node, or null. */
    public ClientSession ofUser(String userId) {
        Entry e = byUser.get(userId);
        return e == null ? null : e.session();
    }

    public void remove(ClientSession session) {
        bySession.remove(session.id());
        byUser.computeIfPresent(session.userId(), (userId, entry) -> {
            if (entry.session() != session) {
                return entry;
            }
            entry.subscription().close();
            return null;
        });
    }

    public int size() {
        return bySession.size();
    }

    /** Closes every connection (shutdown), telling clients to come back. */
    public void closeAll(int code, String reason) {
        bySession.values().forEach(s -> s.closeNow(code, reason));
    }
}
