package io.skyscope.server.auth;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.Refused;
import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationLimitsTest {
    private final MutableClock clock = new MutableClock();
    private final RegistrationLimits limits = new RegistrationLimits(3, 5, clock.timeMeter());

    @Test
    void perAddressThenForTheWholeServer() {
        for (int i = 0; i < 3; i++) {
            limits.checkAttempt("10.0.0.1");
        }
        assertThatThrownBy(() -> limits.checkAttempt("10.0.0.1")).isInstanceOfSatisfying(Refused.class, e -> {
            assertThat(HttpErrors.status(e.code())).isEqualTo(429);
            assertThat(e.getMessage()).startsWith("Too many registrations from your address");
            // 3 an hour refill one every 20 minutes.
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(20));
        });
        limits.checkAttempt("10.0.0.2");
        limits.checkAttempt("10.0.0.2");
        assertThatThrownBy(() -> limits.checkAttempt("10.0.0.3"))
                .hasMessageStartingWith("Too many registrations on this server just now");

        clock.advance(Duration.ofMinutes(20));
        limits.checkAttempt("10.0.0.1");
    }
}
