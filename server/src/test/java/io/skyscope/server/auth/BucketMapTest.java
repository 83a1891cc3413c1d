package io.skyscope.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketMapTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void fullBucketsAreEvictedBeforeBusyOnes() {
        BucketMap map = new BucketMap(5, Duration.ofMinutes(5), 100, clock.timeMeter());
        map.get("victim").tryConsume(5);
        // Many keys seen once each, never consuming: their buckets stay full.
        for (int i = 0; i < 1_000; i++) {
            map.get("probe-" + i);
        }
        assertThat(map.size()).isLessThanOrEqualTo(100);
        assertThat(map.get("VICTIM").getAvailableTokens()).isZero();
    }

    @Test
    void hugeKeysCostNoMoreThanShortOnes() {
        assertThat(BucketMap.key("X".repeat(10_000))).hasSize(64).isEqualTo("x".repeat(64));
    }
}
