package io.skyscope.server.chat.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small read-through cache whose entries live for a fixed time. Used for things read on every
 * chat send that change rarely (bans and mutes, conversations, display names): changes made on
 * this node {@link #invalidate} at once; changes made elsewhere show after at most the time to
 * live. Thread-safe; when it holds too many entries it starts over.
 */
public final class TtlCache<K, V> {
    private static final int MAX_ENTRIES = 50_000;

    private record Entry<V>(Optional<V> value, long expiresNanos) {
    }

    private final long ttlNanos;
    private final Function<K, Optional<V>> loader;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public TtlCache(long ttlMillis, Function<K, Optional<V>> loader) {
        this.ttlNanos = ttlMillis * 1_000_000;
        this.loader = loader;
    }

    public Optional<V> get(K key) {
        long now = System.nanoTime();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.expiresNanos() < 0) {
            return e.value();
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        Optional<V> value = loader.apply(key);
        entries.put(key, new Entry<>(value, now + ttlNanos));
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }
}
