package io.skyscope.server.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small read-through cache whose entries live for a fixed time. Used for look-ups made on every
 * chat send that change rarely (bans and mutes, conversations, display names, memberships): changes
 * made on this node {@link #invalidate} at once; changes made elsewhere show after at most the time
 * to live. A time to live of 0 caches nothing.
 *
 * <p>A change is never hidden by a look-up that overlapped it: a value loaded while an
 * invalidation ran (read before the change was stored, kept after it was dropped) is returned to its
 * caller, who asked before the change completed, but not kept. So once the writer's call that
 * stores a change and invalidates returns, every later {@link #get} sees the change.
 *
 * <p>Thread-safe; when it holds too many entries it starts over.
 */
public final class TtlCache<K, V> {
    private static final int MAX_ENTRIES = 50_000;

    private record Entry<V>(Optional<V> value, long expiresNanos) {
    }

    private final long ttlNanos;
    private final Function<K, Optional<V>> loader;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation; a load keeps its value only if none ran meanwhile. */
    private long invalidations;

    public TtlCache(long ttlMillis, Function<K, Optional<V>> loader) {
        this.ttlNanos = ttlMillis * 1_000_000;
        this.loader = loader;
    }

    public Optional<V> get(K key) {
        if (ttlNanos == 0) {
            return loader.apply(key);
        }
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expiresNanos() < 0) {
            return e.value();
        }
        long seen;
        synchronized (this) {
            seen = invalidations;
        }
        Optional<V> value = loader.apply(key);
        synchronized (this) {
            if (seen == invalidations) {
                if (entries.size() > MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(key, new Entry<>(value, now + ttlNanos));
            }
        }
        return value;
    }

    /** Drops the key; call after the change is stored. */
    public synchronized void invalidate(K key) {
        invalidations++;
        entries.remove(key);
    }

    /** Drops everything (for changes to many keys at once); call after the change is stored. */
    public synchronized void clear() {
        invalidations++;
        entries.clear();
    }
}
