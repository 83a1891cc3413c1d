package io.skyscope.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fresh an observer's picture of the people around it is: every 100 ms (on average), for each
 * observer, its {@value CrowdBenchmark#NEAREST} nearest people by where they truly are (the driver
 * knows every position), and for each the age of the newest position the observer holds for them
 * (now minus the send time of that position's move). A position the observer holds without a known send time
 * (never moved since it arrived, or older than the movers' rings) counts as the ring's span.
 *
 * <p>Threads: runs on the benchmark's main thread; reads positions and send times that other
 * threads publish.
 */
final class NearestAges {
    private static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final Samples ages = new Samples();
    final long ringSpanNanos;
    private final List<CrowdUser> users;
    private final List<CrowdObserver> observers;
    private final long[] keys;
    private long capped;

    NearestAges(List<CrowdUser> users, List<CrowdObserver> observers, long ringSpanNanos) {
        this.users = users;
        this.observers = observers;
        this.ringSpanNanos = ringSpanNanos;
        this.keys = new long[users.size()];
    }

    /**
     * Samples every 100 ms on average until {@code end} (System.nanoTime). The gaps are drawn from
     * 50–150 ms: at a fixed 100 ms they would keep one phase to the server's 100 ms tick, and the
     * ages would depend on that phase (up to a tick apart from one run to the next).
     */
    void sampleUntil(long end) throws InterruptedException {
        var random = new java.util.Random(1);
        for (long next = System.nanoTime(); next < end; next += EVERY_NANOS / 2 + random.nextLong(EVERY_NANOS)) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (CrowdObserver o : observers) {
                sample(o);
            }
        }
    }

    /** Samples whose age was unknown or beyond the ring, counted as its span. */
    long capped() {
        return capped;
    }

    private void sample(CrowdObserver o) {
        long me = o.user.position();
        int m = 0;
        for (CrowdUser u : users) {
            if (u != o.user && u.joined()) {
                long p = u.position();
                long dx = CrowdUser.x(p) - CrowdUser.x(me);
                long dy = CrowdUser.y(p) - CrowdUser.y(me);
                // Squared distance above, index below: sorting the keys sorts by distance.
                keys[m++] = (dx * dx + dy * dy) << 20 | u.index;
            }
        }
        Arrays.sort(keys, 0, m);
        long now = System.nanoTime();
        for (int k = 0; k < Math.min(CrowdBenchmark.NEAREST, m); k++) {
            long sent = o.heldSentAt((int) (keys[k] & 0xFFFFF));
            long age = now - sent;
            if (sent == 0 || age > ringSpanNanos) {
                age = ringSpanNanos;
                capped++;
            }
            ages.add(age);
        }
    }
}
