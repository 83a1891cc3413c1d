package io.skyscope.server.world;

import java.util.Arrays;

/**
 * The position entries queued for one observer during a tick, each with its distance, so that in
 * a crowd only the nearest {@code cap} are sent. Owned by the space's thread.
 */
final class PendingMoves {
    private String[] entries = new String[16];
    private double[] distances = new double[16];
    private int size;

    void add(String entry, double distanceSquared) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        entries[size] = entry;
        distances[size] = distanceSquared;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Keeps only the {@code cap} nearest entries (in no particular order). */
    void keepNearest(int cap) {
        if (size <= cap) {
            return;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int p = partition(lo, hi, lo + (hi - lo) / 2);
            if (p == cap) {
                break;
            } else if (p < cap) {
                lo = p + 1;
            } else {
                hi = p - 1;
            }
        }
        Arrays.fill(entries, cap, size, null);
        size = cap;
    }

    /** Appends the entries, comma-separated, and empties this list. */
    void drainTo(StringBuilder sb) {
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(entries[i]);
            entries[i] = null;
        }
        size = 0;
    }

    int length() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += entries[i].length() + 1;
        }
        return n;
    }

    private int partition(int lo, int hi, int pivotIndex) {
        double pivot = distances[pivotIndex];
        swap(pivotIndex, hi);
        int store = lo;
        for (int i = lo; i < hi; i++) {
            if (distances[i] < pivot) {
                swap(i, store++);
            }
        }
        swap(store, hi);
        return store;
    }

    private void swap(int a, int b) {
        String e = entries[a];
        entries[a] = entries[b];
        entries[b] = e;
        double d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }
}
