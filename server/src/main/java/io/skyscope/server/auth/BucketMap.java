package io.skyscope.server.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A size-bounded, access-ordered map of token buckets that share one limit ({@code capacity}
 * tokens, refilled greedily over {@code window}), keyed by a lower-cased, truncated string.
 * Past {@code maxKeys}, buckets that have refilled completely (they carry no information) are
 * dropped first, then the least recently used ones.
 *
 * <p>Thread-safe: the map is guarded by this object's lock, held only for the map operation;
 * buckets themselves are thread-safe.
 */
final class BucketMap {
    private static final int MAX_KEY_LENGTH = 64;

    private final int capacity;
    private final Duration window;
    private final int maxKeys;
    private final TimeMeter time;
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true);

    BucketMap(int capacity, Duration window, int maxKeys, TimeMeter time) {
        this.capacity = capacity;
        this.window = window;
        this.maxKeys = maxKeys;
        this.time = time;
    }

    /** A key for the maps: case does not matter, and a huge one costs no more than 64 characters. */
    static String key(String raw) {
        String k = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        return k.length() > MAX_KEY_LENGTH ? k.substring(0, MAX_KEY_LENGTH) : k;
    }

    synchronized Bucket get(String rawKey) {
        String key = key(rawKey);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                    .withCustomTimePrecision(time)
                    .build();
            buckets.put(key, bucket);
            if (buckets.size() > maxKeys) {
                evict(key);
            }
        }
        return bucket;
    }

    synchronized int size() {
        return buckets.size();
    }

    /**
     * Drops full buckets, then the least recently used, down to three quarters of the limit,
     * so that the O(n) sweep happens at most once per quarter-limit of new keys.
     */
    private void evict(String keep) {
        int target = maxKeys * 3 / 4;
        buckets.entrySet().removeIf(e -> !e.getKey().equals(keep) && e.getValue().getAvailableTokens() >= capacity);
        Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        while (buckets.size() > target && eldest.hasNext()) {
            if (!eldest.next().getKey().equals(keep)) {
                eldest.remove();
            }
        }
    }
}
