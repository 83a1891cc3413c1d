package io.skyscope.server.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.skyscope.server.Refused;
import java.time.Duration;

/**
 * How many registrations are attempted, per client address and over the whole server, in
 * memory (per server instance). Every attempt counts, whatever its outcome, and it is counted
 * before anything else is looked at: a taken name or a weak password is an attempt too.
 * Windows refill greedily: 30 an hour is 30 at once, then one every two minutes.
 *
 * <p>Thread-safe: called concurrently from HTTP request threads.
 */
public final class RegistrationLimits {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int MAX_TRACKED_ADDRESSES = 50_000;

    private final BucketMap perAddress;
    private final Bucket global;

    public RegistrationLimits(int perAddressPerHour, int perHour, TimeMeter time) {
        this.perAddress = new BucketMap(perAddressPerHour, WINDOW, MAX_TRACKED_ADDRESSES, time);
        this.global = Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, WINDOW))
                .withCustomTimePrecision(time)
                .build();
    }

    public RegistrationLimits(int perAddressPerHour, int perHour) {
        this(perAddressPerHour, perHour, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * Counts one registration attempt from {@code address}.
     *
     * @throws Refused 429 with the time until the next attempt is allowed
     */
    public void checkAttempt(String address) {
        ConsumptionProbe mine = perAddress.get(address).tryConsumeAndReturnRemaining(1);
        if (!mine.isConsumed()) {
            throw LoginThrottle.refuse("Too many registrations from your address", mine.getNanosToWaitForRefill());
        }
        ConsumptionProbe all = global.tryConsumeAndReturnRemaining(1);
        if (!all.isConsumed()) {
            throw LoginThrottle.refuse("Too many registrations on this server just now", all.getNanosToWaitForRefill());
        }
    }
}
