package io.skyscope.server.ws;

import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.bus.EventBus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections on this node: one per user, on any node. A user who connects again, here or on
 * another node, replaces the older connection, which is told why and closed with {@link
 * CloseCodes#REPLACED}. Each connection receives its user's bus topic. Thread-safe.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private record Entry(ClientSession session, EventBus.Subscription subscription) {
    }

    /** What another node publishes on a user's topic when that user connects there; never a frame (those are JSON). */
    private static final String REPLACED_BY = "replaced-by ";

    private final EventBus bus;
    private final Map<String, Entry> byUser = new ConcurrentHashMap<>();
    private final Map<String, ClientSession> bySession = new ConcurrentHashMap<>();

    public SessionRegistry(EventBus bus) {
        this.bus = bus;
    }

    public void add(ClientSession session) {
        bySession.put(session.id(), session);
        String topic = EventBus.Topics.user(session.userId());
        byUser.compute(session.userId(), (userId, previous) -> {
            if (previous != null) {
                replace(previous, session.id());
            }
            return new Entry(session, bus.subscribe(topic, frame -> receive(session, frame)));
        });
        // An older connection of the user on another node is closed there.
        bus.publishToOtherNodes(topic, REPLACED_BY + session.id());
    }

    private void receive(ClientSession session, String frame) {
        if (!frame.startsWith(REPLACED_BY)) {
            session.enqueue(frame);
            return;
        }
        // At once, on the bus thread: what the newer connection's node publishes next must reach it.
        byUser.computeIfPresent(session.userId(), (userId, entry) -> {
            if (entry.session() != session) {
                return entry;
            }
            replace(entry, frame.substring(REPLACED_BY.length()));
            return null;
        });
    }

    private static void replace(Entry previous, String newSessionId) {
        previous.subscription().close();
        LOG.info("user {}: session {} replaced by {}", previous.session().userId(), previous.session().id(), newSessionId);
        previous.session().closeAfter(ServerMessage.Error.of("replaced",
                "you connected again elsewhere; this connection is closed", null),
                CloseCodes.REPLACED, "replaced by a newer connection");
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
