package io.skyscope.desktop.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnection delays: doubling from {@code first} up to {@code max}, with up to a fifth of random
 * jitter so that many clients dropped by one server restart do not all knock again at once.
 */
public record Backoff(Duration first, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));

    /** The delay before attempt {@code n} (1 = the first retry). */
    public Duration delay(int attempt) {
        long base = first.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, max.toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }
}
