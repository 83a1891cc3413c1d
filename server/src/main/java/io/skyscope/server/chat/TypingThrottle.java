package io.skyscope.server.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a typing indicator through at most once per {@code intervalMillis} per user and channel;
 * the rest are dropped silently (clients send one per keystroke burst). Thread-safe.
 */
final class TypingThrottle {
    private static final int FORGET_ABOVE = 10_000;

    private final long intervalNanos;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    TypingThrottle(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    boolean allow(String userId, String channelKey, long nowNanos) {
        if (last.size() > FORGET_ABOVE) {
            last.values().removeIf(t -> nowNanos - t > 10 * intervalNanos);
        }
        boolean[] allowed = {false};
        last.compute(userId + "|" + channelKey, (k, previous) -> {
            if (previous == null || nowNanos - previous >= intervalNanos) {
                allowed[0] = true;
                return nowNanos;
            }
            return previous;
        });
        return allowed[0];
    }
}
