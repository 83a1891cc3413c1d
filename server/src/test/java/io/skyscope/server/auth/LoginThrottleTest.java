package io.skyscope.server.auth;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.Refused;
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

        Refused refused = refusal(() -> throttle.checkAttempt("10.0.0.1", "someone"));
        assertThat(HttpErrors.status(refused.code())).isEqualTo(429);
        // Greedy refill: 20 a minute is one every 3 seconds.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        throttle.checkAttempt("10.0.0.2", "someone");

        clock.advance(Duration.ofSeconds(3));
        throttle.checkAttempt("10.0.0.1", "someone");
    }

    @Test
    void wrongPasswordsBackOffForThatAddressOnlyDoublingEachTime() {
        for (int i = 0; i < 5; i++) {
            fail("10.0.0.1", "Alice");
        }
        assertThat(refusal(() -> throttle.checkAttempt("10.0.0.1", "ALICE")).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
        // The owner, elsewhere, is not affected; nor is another account from the attacker's address.
        throttle.checkAttempt("10.9.9.9", "alice");
        throttle.checkAttempt("10.0.0.1", "bob");

        Duration lock = Duration.ofSeconds(1);
        for (int i = 0; i < 4; i++) {
            clock.advance(lock);
            fail("10.0.0.1", "alice");
            lock = lock.multipliedBy(2);
            assertThat(refusal(() -> throttle.checkAttempt("10.0.0.1", "alice")).retryAfter()).isEqualTo(lock);
        }
    }

    @Test
    void theBackOffIsCapped() {
        for (int failures = 5; failures < 200; failures++) {
            assertThat(throttle.backOff(failures)).isLessThanOrEqualTo(Duration.ofMinutes(15)).isPositive();
        }
        assertThat(throttle.backOff(100)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theRightPasswordClearsTheCountAndAnHourForgetsIt() {
        for (int i = 0; i < 4; i++) {
            fail("10.0.0.1", "alice");
        }
        throttle.recordSuccess("10.0.0.1", "alice");
        fail("10.0.0.1", "alice");
        throttle.checkAttempt("10.0.0.1", "alice");

        for (int i = 0; i < 4; i++) {
            fail("10.0.0.2", "alice");
        }
        clock.advance(Duration.ofMinutes(61));
        fail("10.0.0.2", "alice");
        throttle.checkAttempt("10.0.0.2", "alice");
    }

    @Test
    void manyAddressesGetOneGuessEachOnceTheAccountCapIsReachedButTheOwnerGetsIn() {
        for (int i = 0; i < 100; i++) {
            fail("10.0.1." + i, "alice");
        }
        Refused refused = refusal(() -> throttle.checkAttempt("10.0.1.7", "alice"));
        assertThat(refused.getMessage()).contains("for this account");
        // 100 an hour refill one every 36 s.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(36));
        throttle.checkAttempt("10.0.2.1", "alice");
        fail("10.0.2.1", "alice");
        assertThat(HttpErrors.status(refusal(() -> throttle.checkAttempt("10.0.2.1", "alice")).code())).isEqualTo(429);
        throttle.checkAttempt("192.168.5.5", "alice");
    }

    @Test
    void successfulAttemptsDoNotCountAgainstTheAccount() {
        for (int i = 0; i < 50; i++) {
            throttle.checkAttempt("10.0.1." + i, "alice");
            throttle.recordSuccess("10.0.1." + i, "alice");
        }
        throttle.checkAttempt("10.0.3.1", "alice");
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        var d = LoginThrottle.Limits.defaults();
        LoginThrottle small = new LoginThrottle(new LoginThrottle.Limits(d.attemptsPerAddress(), d.addressWindow(),
                d.freeFailures(), d.firstBackOff(), d.maxBackOff(), d.forgetAfter(), d.failuresPerAccount(),
                d.accountWindow(), 100), clock.timeMeter());
        for (int i = 0; i < 10_000; i++) {
            small.checkAttempt("ip-" + i, "user-" + i);
            small.recordFailure("ip-" + i, "user-" + i);
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(300);
    }

    private void fail(String address, String username) {
        throttle.checkAttempt(address, username);
        throttle.recordFailure(address, username);
    }

    private static Refused refusal(Runnable attempt) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(attempt::run).isInstanceOf(Refused.class).satisfies(t -> thrown[0] = t);
        return (Refused) thrown[0];
    }
}
