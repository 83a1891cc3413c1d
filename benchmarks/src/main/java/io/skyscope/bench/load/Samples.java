package io.skyscope.bench.load;

import java.util.Arrays;

/**
 * A growing list of durations in nanoseconds and their percentiles. Any thread may add; the
 * methods are synchronized (each list has one writer, so the lock is uncontended).
 */
final class Samples {
    private long[] values = new long[1 << 12];
    private int count;

    synchronized void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    synchronized void addAll(Samples other) {
        long[] more = other.snapshot();
        for (long v : more) {
            add(v);
        }
    }

    synchronized long[] snapshot() {
        return Arrays.copyOf(values, count);
    }

    /** Percentiles in milliseconds (p50, p95, p99, max) and how many samples there are. */
    double[] percentiles() {
        long[] sorted = snapshot();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        }
        return new double[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                sorted.length};
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
