package io.skyscope.server.auth;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.skyscope.server.Refused;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing without handing attackers a way to lock people out, in memory
 * (per server instance). Three limits:
 * <ol>
 *   <li>Every attempt from an address takes a token from that address's bucket (default 20 a
 *       minute), whatever the account.</li>
 *   <li>Wrong passwords are counted per account <em>and</em> address. After a few (default 5),
 *       each one locks that account for that address only, for a time that doubles (1 s, 2 s,
 *       4 s … up to 15 minutes). A right password from the address clears its
 *       count; an hour without failures forgets it.</li>
 *   <li>Wrong passwords are also counted per account over all addresses (default 100 an hour).
 *       When that runs out, addresses that have failed on the account are refused until it
 *       refills, but an address with no failures on it still gets in: guessing from many
 *       addresses gets one try per address, and the owner is never locked out by others.</li>
 * </ol>
 * Refusals come before the password is checked, with 429 and the time until the next try.
 * Sessions already open are not affected by any of this.
 *
 * <p>Memory is bounded: each map holds at most {@link Limits#maxTrackedKeys} entries.
 *
 * <p>Thread-safe: called concurrently from HTTP request threads. Each map is guarded by its own
 * lock, held only for the map operation; buckets themselves are thread-safe.
 */
public final class LoginThrottle {
    private final Limits limits;
    private final TimeMeter time;
    private final BucketMap perAddress;
    private final BucketMap perAccount;
    private final Map<String, Strikes> strikes;

    /**
     * The limits; windows refill greedily (e.g. 20 a minute = one every 3 seconds).
     *
     * @param freeFailures wrong passwords per account and address that start the back-off
     * @param firstBackOff the first lock; each further failure doubles it, up to {@code maxBackOff}
     * @param forgetAfter time without failures after which an account and address start afresh
     */
    public record Limits(int attemptsPerAddress, Duration addressWindow, int freeFailures, Duration firstBackOff,
                         Duration maxBackOff, Duration forgetAfter, int failuresPerAccount, Duration accountWindow,
                         int maxTrackedKeys) {
        public static Limits defaults() {
            return new Limits(20, Duration.ofMinutes(1), 5, Duration.ofSeconds(1), Duration.ofMinutes(15),
                    Duration.ofHours(1), 100, Duration.ofHours(1), 50_000);
        }
    }

    /** Wrong passwords for one account from one address, and until when it is locked (nanos). */
    private record Strikes(int failures, long lastFailure, long lockedUntil) {
    }

    /** With the default limits and the system's monotonic clock. */
    public LoginThrottle() {
        this(Limits.defaults(), TimeMeter.SYSTEM_NANOTIME);
    }

    /** @param time where buckets read the time; tests pass a clock they can advance */
    public LoginThrottle(Limits limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
        this.perAddress = new BucketMap(limits.attemptsPerAddress(), limits.addressWindow(), limits.maxTrackedKeys(),
                time);
        this.perAccount = new BucketMap(limits.failuresPerAccount(), limits.accountWindow(), limits.maxTrackedKeys(),
                time);
        this.strikes = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Strikes> eldest) {
                return size() > limits.maxTrackedKeys();
            }
        };
    }

    /**
     * Counts one attempt from {@code address} for {@code username}, and refuses it if the address
     * has made too many attempts, is in back-off for this account, or has failed on an account
     * that has had too many failures from everywhere.
     *
     * @throws Refused 429 with the time until the next attempt is allowed
     */
    public void checkAttempt(String address, String username) {
        ConsumptionProbe probe = perAddress.get(address).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refuse("Too many sign-in attempts from your address", probe.getNanosToWaitForRefill());
        }
        Strikes s = current(address, username);
        if (s == null) {
            return;
        }
        long now = time.currentTimeNanos();
        if (s.lockedUntil() > now) {
            throw refuse("Too many wrong passwords for this account from your address", s.lockedUntil() - now);
        }
        EstimationProbe account = perAccount.get(username).estimateAbilityToConsume(1);
        if (!account.canBeConsumed()) {
            throw refuse("Too many wrong passwords for this account", account.getNanosToWaitForRefill());
        }
    }

    /** Records a wrong password for the account (known or not: the same for both) from the address. */
    public void recordFailure(String address, String username) {
        perAccount.get(username).tryConsume(1);
        long now = time.currentTimeNanos();
        synchronized (strikes) {
            Strikes before = fresh(strikes.get(strikeKey(address, username)), now);
            int failures = before == null ? 1 : before.failures() + 1;
            long lockedUntil = failures >= limits.freeFailures() ? now + backOff(failures).toNanos() : now;
            strikes.put(strikeKey(address, username), new Strikes(failures, now, lockedUntil));
        }
    }

    /** The right password from the address: its failures on this account are forgotten. */
    public void recordSuccess(String address, String username) {
        synchronized (strikes) {
            strikes.remove(strikeKey(address, username));
        }
    }

    /** How many buckets and counts are held, for tests and metrics. */
    public int trackedKeys() {
        synchronized (strikes) {
            return perAddress.size() + perAccount.size() + strikes.size();
        }
    }

    /** The lock after the {@code failures}-th wrong password: doubling from the first, capped. */
    Duration backOff(int failures) {
        int doublings = Math.min(failures - limits.freeFailures(), 30);
        Duration wait = limits.firstBackOff().multipliedBy(1L << doublings);
        return wait.compareTo(limits.maxBackOff()) > 0 ? limits.maxBackOff() : wait;
    }

    private Strikes current(String address, String username) {
        synchronized (strikes) {
            return fresh(strikes.get(strikeKey(address, username)), time.currentTimeNanos());
        }
    }

    private Strikes fresh(Strikes s, long now) {
        return s == null || now - s.lastFailure() > limits.forgetAfter().toNanos() ? null : s;
    }

    private static String strikeKey(String address, String username) {
        return BucketMap.key(username) + '\n' + BucketMap.key(address);
    }

    static Refused refuse(String what, long nanosToWait) {
        Duration wait = Duration.ofNanos(Math.max(nanosToWait, 0));
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Refused.tooManyRequests(what + "; try again in " + seconds + " s", wait);
    }
}
