package io.skyscope.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeClocksTest {
    private static final long MS = 1_000_000L;
    /** The other node's nanoTime runs 7 s ahead of this one's. */
    private static final long SKEW = 7_000 * MS;

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final NodeClocks clocks = new NodeClocks(now::get);

    @Test
    void movesArrivingInABatchKeepTheSpacingTheyWereReceivedWith() {
        long sent = now.get() + SKEW;
        now.addAndGet(2 * MS); // the quickest trip: 2 ms
        assertThat(clocks.toLocal("b", sent)).isEqualTo(now.get());

        // Five moves stamped 200 ms apart come out of Redis together, a second late.
        long first = sent + 1_000 * MS;
        now.set(first - SKEW + 2 * MS + 1_800 * MS);
        for (int i = 0; i < 5; i++) {
            long local = clocks.toLocal("b", first + i * 200 * MS);
            assertThat(local).isEqualTo(first - SKEW + 2 * MS + i * 200 * MS);
            assertThat(local).isLessThanOrEqualTo(now.get());
        }
    }

    @Test
    void aTranslatedTimeIsNeverLaterThanTheArrival() {
        long stamp = now.get() + SKEW;
        now.addAndGet(50 * MS);
        assertThat(clocks.toLocal("b", stamp)).isEqualTo(now.get());
        now.addAndGet(10 * MS);
        // A quicker trip than any before lowers the offset at once.
        assertThat(clocks.toLocal("b", now.get() + SKEW - MS)).isEqualTo(now.get());
    }

    @Test
    void eachNodeHasItsOwnOffsetAndADriftIsFollowedWithinTwoPeriods() {
        now.addAndGet(MS);
        assertThat(clocks.toLocal("b", now.get() + SKEW)).isEqualTo(now.get());
        assertThat(clocks.toLocal("c", now.get() - SKEW)).isEqualTo(now.get());

        // b's trips get 30 ms slower for good (or its clock drifts): the old quick trip ages out.
        for (int period = 0; period < 3; period++) {
            now.addAndGet(NodeClocks.PERIOD_NANOS);
            clocks.toLocal("b", now.get() + SKEW - 30 * MS);
        }
        now.addAndGet(MS);
        assertThat(clocks.toLocal("b", now.get() + SKEW - 30 * MS)).isEqualTo(now.get());
    }

    @Test
    void nodesThatSentNothingForAWhileAreDroppedWhenANewOneAppears() {
        clocks.toLocal("old", now.get());
        now.addAndGet(3 * NodeClocks.PERIOD_NANOS);
        clocks.toLocal("new", now.get());
        assertThat(clocks.nodes()).isEqualTo(1);
    }
}
