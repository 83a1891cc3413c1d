package io.skyscope.bench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load users count, from any thread: moves and chats sent, frames and bytes received,
 * corrections, errors and closes; and move-to-observer latencies while {@link #measuring}.
 */
final class LoadStats {
    final LongAdder moves = new LongAdder();
    final LongAdder chats = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder chars = new LongAdder();
    /** Corrections by the reason the server gave (too_fast, wall, ...). */
    final java.util.Map<String, LongAdder> correctionReasons = new java.util.concurrent.ConcurrentHashMap<>();
    final LongAdder errors = new LongAdder();
    final LongAdder closes = new LongAdder();
    final List<String> firstProblems = new CopyOnWriteArrayList<>();
    private volatile boolean measuring;
    private final Samples latencies = new Samples();

    void moveSent() {
        moves.increment();
    }

    void chatSent() {
        chats.increment();
    }

    void frameReceived(int length) {
        frames.increment();
        chars.add(length);
    }

    void correction(String reason) {
        correctionReasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    long corrections() {
        return correctionReasons.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void error(String what) {
        errors.increment();
        note(what);
    }

    void closed(int code, String reason) {
        closes.increment();
        note("closed " + code + " " + reason);
    }

    void note(String what) {
        if (firstProblems.size() < 10) {
            firstProblems.add(what.length() > 300 ? what.substring(0, 300) + "…" : what);
        }
    }

    void measuring(boolean on) {
        measuring = on;
    }

    void latency(long nanos) {
        if (measuring) {
            latencies.add(nanos);
        }
    }

    /** Latency percentiles in milliseconds (p50, p95, p99, max) and how many were measured. */
    double[] percentiles() {
        return latencies.percentiles();
    }
}
