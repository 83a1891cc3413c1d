package io.skyscope.server.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Translates the receive times that other nodes stamp on forwarded moves ({@link System#nanoTime()}
 * of their process) into this process's {@code nanoTime}, so that a space's owner judges a
 * forwarded walker's speed at the pace the moves reached the node they were sent to, not at the
 * pace they come out of Redis (in batches, and late when a node is busy).
 *
 * <p>Per node, the offset is the smallest {@code local arrival - remote stamp} seen: the clock
 * difference plus the quickest trip through Redis, so a translated time is never later than the
 * arrival here and trips slower than the quickest keep their spacing. The minimum is taken over a
 * window of two periods of {@value #PERIOD_NANOS} ns, so that a drifting clock is followed.
 *
 * <p>Thread-safety: {@link #toLocal} may be called from any thread; the estimate of a node is
 * updated under its own lock.
 */
final class NodeClocks {
    static final long PERIOD_NANOS = 10_000_000_000L;

    private final LongSupplier nanoTime;
    private final Map<String, Estimate> byNode = new ConcurrentHashMap<>();

    NodeClocks(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** This process's {@code nanoTime} for a stamp {@code remoteNanos} made on {@code node}. */
    long toLocal(String node, long remoteNanos) {
        long now = nanoTime.getAsLong();
        Estimate estimate = byNode.get(node);
        if (estimate == null) {
            // A new node: a good time to drop those that have sent nothing for a while.
            byNode.values().removeIf(e -> e.idleSince(now));
            estimate = byNode.computeIfAbsent(node, n -> new Estimate(now));
        }
        synchronized (estimate) {
            return remoteNanos + estimate.offset(now, now - remoteNanos);
        }
    }

    /** Nodes with an estimate (a restarted node comes back under a new id; idle ones are dropped). */
    int nodes() {
        return byNode.size();
    }

    private static final class Estimate {
        private long periodStart;
        private long previousMin = Long.MAX_VALUE;
        private long currentMin = Long.MAX_VALUE;

        Estimate(long now) {
            this.periodStart = now;
        }

        synchronized boolean idleSince(long now) {
            return now - periodStart >= 3 * PERIOD_NANOS;
        }

        long offset(long now, long sample) {
            if (now - periodStart >= PERIOD_NANOS) {
                previousMin = currentMin;
                currentMin = Long.MAX_VALUE;
                periodStart = now;
            }
            currentMin = Math.min(currentMin, sample);
            return Math.min(previousMin, currentMin);
        }
    }
}
