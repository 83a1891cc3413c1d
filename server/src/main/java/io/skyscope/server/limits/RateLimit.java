package io.skyscope.server.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.skyscope.server.Refused;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often something may be done per key (a user, a space), in memory on this node: a token
 * bucket per key that holds {@code perHour} tokens and refills them evenly over an hour. Over the
 * limit the caller gets 429 {@code rate_limited} with {@code Retry-After}.
 *
 * <p>Memory is bounded: past {@value #FORGET_ABOVE} keys, buckets that have refilled completely
 * (they remember nothing) are dropped. Thread-safe; called from HTTP request threads.
 */
public final class RateLimit {
    private static final int FORGET_ABOVE = 10_000;

    private final String what;
    private final long perHour;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param what what is limited, plural, for the error message ("map uploads for this space") */
    public RateLimit(String what, long perHour) {
        this.what = what;
        this.perHour = perHour;
    }

    /**
     * Takes {@code tokens} from the key's bucket, or none of them.
     *
     * @throws Refused 429 with the time until that many tokens are there again
     */
    public void acquire(String key, long tokens) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= perHour);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(Math.min(tokens, perHour));
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(Math.max(1_000_000, probe.getNanosToWaitForRefill()));
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            throw Refused.tooManyRequests("Too many " + what + " (" + perHour + " an hour); try again in "
                    + seconds + " s", wait);
        }
    }

    /** {@link #acquire(String, long)} one token. */
    public void acquire(String key) {
        acquire(key, 1);
    }
}
