package io.skyscope.server.world;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code max} events per key within a sliding {@code window}, in memory. Pure, with an
 * injected clock; not thread-safe: a space's owner thread calls it. Keys whose events have all
 * aged out are dropped by {@link #prune}, so memory stays bounded by what happened within a window.
 */
final class Throttle {
    private final Clock clock;
    private final int max;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> events = new HashMap<>();

    Throttle(Clock clock, int max, Duration window) {
        this.clock = clock;
        this.max = max;
        this.windowMillis = window.toMillis();
    }

    /** Milliseconds until {@code key} may act again; 0 if it may now (nothing is counted). */
    long waitMillis(String key) {
        ArrayDeque<Long> times = events.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        return times.size() < max ? 0 : Math.max(1, times.peekFirst() + windowMillis - now);
    }

    /** Counts an event of {@code key} now. */
    void count(String key) {
        events.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.millis());
    }

    /** Forgets the keys whose events are all older than the window. */
    void prune() {
        long oldest = clock.millis() - windowMillis;
        events.values().removeIf(times -> times.isEmpty() || times.peekLast() <= oldest);
    }

    int keys() {
        return events.size();
    }
}
