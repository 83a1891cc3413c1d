package io.skyscope.server.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.skyscope.server.http.ApiException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password guessing, in memory (per server instance): every login attempt from an IP
 * address takes a token from that address's bucket (default 20 a minute), and every failed
 * attempt on an account takes one from the account's bucket (default 5 per 5 minutes). A
 * successful login takes nothing from the account. When a bucket is empty the attempt is refused
 * with 429 and the time bucket4j says the next token arrives, before the password is checked.
 *
 * <p>Memory is bounded: each map holds at most {@link Limits#maxTrackedKeys} buckets. Past that,
 * buckets that have refilled completely (they carry no information) are dropped first, then the
 * least recently used ones.
 *
 * <p>Thread-safe: called concurrently from HTTP request threads. Each map is guarded by its own
 * lock, held only for the map operation; buckets themselves are thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_KEY_LENGTH = 64;

    private final Limits limits;
    private final TimeMeter time;
    private final BucketMap perIp;
    private final BucketMap perAccount;

    /** The limits; windows refill greedily (e.g. 20 a minute = one every 3 seconds). */
    public record Limits(int attemptsPerIp, Duration ipWindow, int failuresPerAccount, Duration accountWindow,
                         int maxTrackedKeys) {
        public static Limits defaults() {
            return new Limits(20, Duration.ofMinutes(1), 5, Duration.ofMinutes(5), 50_000);
        }
    }

    /** With the default limits and the system's monotonic clock. */
    public LoginThrottle() {
        this(Limits.defaults(), TimeMeter.SYSTEM_NANOTIME);
    }

    /** @param time where buckets read the time; tests pass a clock they can advance */
    public LoginThrottle(Limits limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
        this.perIp = new BucketMap(limits.attemptsPerIp(), limits.ipWindow());
        this.perAccount = new BucketMap(limits.failuresPerAccount(), limits.accountWindow());
    }

    /**
     * Counts one login attempt from {@code ip} for {@code username}, and refuses it if that address
     * has made too many attempts or the account has had too many failures recently.
     *
     * @throws ApiException 429 with the time until the next attempt is allowed
     */
    public void checkAttempt(String ip, String username) {
        ConsumptionProbe probe = perIp.get(key(ip)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refuse("Too many sign-in attempts from your address", probe.getNanosToWaitForRefill());
        }
        checkAccount(username);
    }

    /**
     * Refuses if the account has had too many failed attempts recently, without counting an
     * attempt; for password checks that have no IP (password change, account deletion).
     */
    public void checkAccount(String username) {
        EstimationProbe estimate = perAccount.get(key(username)).estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            throw refuse("Too many failed sign-in attempts for this account", estimate.getNanosToWaitForRefill());
        }
    }

    /** Records a wrong password for the account (known or not: the same for both). */
    public void recordFailure(String username) {
        perAccount.get(key(username)).tryConsume(1);
    }

    /** How many buckets are held, for tests and metrics. */
    public int trackedKeys() {
        return perIp.size() + perAccount.size();
    }

    public Limits limits() {
        return limits;
    }

    private static ApiException refuse(String what, long nanosToWait) {
        Duration wait = Duration.ofNanos(Math.max(nanosToWait, 0));
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return ApiException.tooManyRequests(what + "; try again in " + seconds + " s", wait);
    }

    private static String key(String raw) {
        String k = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        return k.length() > MAX_KEY_LENGTH ? k.substring(0, MAX_KEY_LENGTH) : k;
    }

    /** A size-bounded, access-ordered map of buckets with one configuration. */
    private final class BucketMap {
        private final int capacity;
        private final Duration window;
        private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true);

        BucketMap(int capacity, Duration window) {
            this.capacity = capacity;
            this.window = window;
        }

        synchronized Bucket get(String key) {
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                bucket = Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                        .withCustomTimePrecision(time)
                        .build();
                buckets.put(key, bucket);
                if (buckets.size() > limits.maxTrackedKeys()) {
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
            int target = limits.maxTrackedKeys() * 3 / 4;
            buckets.entrySet().removeIf(e -> !e.getKey().equals(keep) && e.getValue().getAvailableTokens() >= capacity);
            Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
            while (buckets.size() > target && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
    }
}
