package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sliding window that limits knocks, waves and reactions. */
class ThrottleTest {
    private final MutableClock clock = new MutableClock();
    /** Three events per 10 s. */
    private final Throttle throttle = new Throttle(clock, 3, Duration.ofSeconds(10));

    @ParameterizedTest(name = "events at {0} ms, asked at {1} ms: wait {2} ms")
    @CsvSource({
            // times of the events counted (ms), when asked, expected wait
            "'',              0,     0",
            "'0',             0,     0",
            "'0 0',           0,     0",
            "'0 0 0',         0,     10000",
            "'0 1000 2000',   2000,  8000",
            "'0 1000 2000',   9999,  1",
            "'0 1000 2000',   10000, 0",
            "'0 1000 2000',   30000, 0",
    })
    void waitsUntilTheOldestEventLeavesTheWindow(String times, long askedAt, long wait) {
        long now = 0;
        for (String t : times.isBlank() ? new String[0] : times.split(" ")) {
            long at = Long.parseLong(t);
            clock.advance(Duration.ofMillis(at - now));
            now = at;
            throttle.count("ann");
        }
        clock.advance(Duration.ofMillis(askedAt - now));
        assertThat(throttle.waitMillis("ann")).isEqualTo(wait);
        assertThat(throttle.waitMillis("bob")).as("each key has its own window").isZero();
    }

    @Test
    void keysWhoseEventsAgedOutAreForgotten() {
        throttle.count("ann");
        clock.advance(Duration.ofSeconds(5));
        throttle.count("bob");
        clock.advance(Duration.ofSeconds(6));
        throttle.prune();
        assertThat(throttle.keys()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        throttle.prune();
        assertThat(throttle.keys()).isZero();
    }
}
