package io.skyscope.server.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The lease holders of spaces owned by other nodes, as last read from Redis, each kept for a
 * second so that forwarding a command costs no Redis round trip. Thread-safe.
 *
 * <p>{@link System#nanoTime()} measures how long an entry has been kept (a duration, not a time
 * of day).
 */
final class KnownHolders {
    private static final long KEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    private record Holder(String node, long until) {
    }

    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    /** The node last read as the space's holder, or null if unknown or read over a second ago. */
    String get(String spaceId) {
        Holder cached = holders.get(spaceId);
        return cached != null && cached.until() - System.nanoTime() > 0 ? cached.node() : null;
    }

    void remember(String spaceId, String node) {
        holders.put(spaceId, new Holder(node, System.nanoTime() + KEEP_NANOS));
    }

    void forget(String spaceId) {
        holders.remove(spaceId);
    }

    void clear() {
        holders.clear();
    }
}
