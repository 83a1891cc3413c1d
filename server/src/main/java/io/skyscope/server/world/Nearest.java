package io.skyscope.server.world;

import java.util.Arrays;

/**
 * Candidates, each with its squared distance, of which only the {@code k} nearest are kept
 * (quickselect: linear on average, no sorting). Reused from one query to the next; owned by the
 * space's thread.
 *
 * @param <T> the candidates' type
 */
final class Nearest<T> {
    private Object[] items = new Object[64];
    private double[] distances = new double[64];
    private int size;

    void clear() {
        Arrays.fill(items, 0, size, null);
        size = 0;
    }

    void add(T item, double distanceSquared) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        items[size] = item;
        distances[size] = distanceSquared;
        size++;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        return (T) items[index];
    }

    double distanceSquared(int index) {
        return distances[index];
    }

    /** Keeps only the {@code k} nearest candidates (in no particular order). */
    void keepNearest(int k) {
        if (size <= k) {
            return;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int p = partition(lo, hi, lo + (hi - lo) / 2);
            if (p == k) {
                break;
            } else if (p < k) {
                lo = p + 1;
            } else {
                hi = p - 1;
            }
        }
        Arrays.fill(items, k, size, null);
        size = k;
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
        Object e = items[a];
        items[a] = items[b];
        items[b] = e;
        double d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }
}
