package io.skyscope.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.http.ApiException;
import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.defaults(), clock.timeMeter());

    @Test
    void twentyAttemptsPerMinuteFromOneAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.checkAttempt("10.0.0.1", "user" + i);
        }

        ApiException refused = refusal(() -> throttle.checkAttempt("10.0.0.1", "someone"));
        assertThat(refused.status()).isEqualTo(429);
        // Greedy refill: 20 a minute is one every 3 seconds.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        throttle.checkAttempt("10.0.0.2", "someone");

        clock.advance(Duration.ofSeconds(3));
        throttle.checkAttempt("10.0.0.1", "someone");
    }

    @Test
    void fiveFailuresPerFiveMinutesPerAccountInAnyCase() {
        for (int i = 0; i < 5; i++) {
            throttle.checkAttempt("10.0.0." + i, "Alice");
            throttle.recordFailure("alice");
        }

        ApiException refused = refusal(() -> throttle.checkAttempt("10.0.0.99", "ALICE"));
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        throttle.checkAttempt("10.0.0.99", "bob");
        assertThat(refusal(() -> throttle.checkAccount("alice")).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        throttle.checkAttempt("10.0.0.99", "alice");
    }

    @Test
    void successfulAttemptsDoNotCountAgainstTheAccount() {
        for (int i = 0; i < 50; i++) {
            throttle.checkAttempt("10.0.1." + i, "alice");
        }
        throttle.checkAccount("alice");
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        LoginThrottle small = new LoginThrottle(
                new LoginThrottle.Limits(20, Duration.ofMinutes(1), 5, Duration.ofMinutes(5), 100), clock.timeMeter());
        for (int i = 0; i < 10_000; i++) {
            small.checkAttempt("ip-" + i, "user-" + i);
            small.recordFailure("user-" + i);
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(200);
    }

    @Test
    void fullBucketsAreEvictedBeforeBusyOnes() {
        LoginThrottle small = new LoginThrottle(
                new LoginThrottle.Limits(20, Duration.ofMinutes(1), 5, Duration.ofMinutes(5), 100), clock.timeMeter());
        for (int i = 0; i < 5; i++) {
            small.recordFailure("victim");
        }
        // Many accounts probed once each, never failing: their buckets stay full.
        for (int i = 0; i < 1_000; i++) {
            small.checkAccount("probe-" + i);
        }
        assertThat(refusal(() -> small.checkAccount("victim")).status()).isEqualTo(429);
    }

    private static ApiException refusal(Runnable attempt) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(attempt::run).isInstanceOf(ApiException.class).satisfies(t -> thrown[0] = t);
        return (ApiException) thrown[0];
    }
}
