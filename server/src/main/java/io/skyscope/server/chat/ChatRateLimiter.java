package io.skyscope.server.chat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.skyscope.server.Refused;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast one user may send and edit messages: a token bucket per user ({@code burst} at once,
 * refilled at {@code perSecond}). Over the limit the caller gets {@code rate_limited} with how long
 * to wait. Thread-safe; idle buckets are forgotten when the map grows.
 */
public final class ChatRateLimiter {
    private static final int FORGET_ABOVE = 10_000;

    private final long perSecond;
    private final long burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ChatRateLimiter(long perSecond, long burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** @throws Refused 429 {@code rate_limited} with the time until the next message is allowed */
    public void acquire(String userId) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(userId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(Math.max(1_000_000, probe.getNanosToWaitForRefill()));
            throw Refused.tooManyRequests("You are sending messages too fast; wait "
                    + Math.max(1, wait.toMillis()) + " ms", wait);
        }
    }
}
