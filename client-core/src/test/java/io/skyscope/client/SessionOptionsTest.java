package io.skyscope.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionOptionsTest {

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        var b = new Session.Options(Duration.ofSeconds(15), Duration.ofMillis(500), Duration.ofSeconds(15));
        assertThat(b.retryDelay(1).toMillis()).isBetween(400L, 500L);
        assertThat(b.retryDelay(3).toMillis()).isBetween(1600L, 2000L);
        assertThat(b.retryDelay(30).toMillis()).isBetween(12_000L, 15_000L);
    }
}
