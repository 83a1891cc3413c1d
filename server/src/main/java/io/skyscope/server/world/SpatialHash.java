package io.skyscope.server.world;

import io.skyscope.map.Point;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A uniform grid of square cells over the plane, each holding the keys positioned in it, for
 * "who is near (x, y)" questions: interest management (whose moves a client receives) and
 * proximity (who hears whom). Insert, move and remove are O(1); a radius query visits only the
 * cells that overlap the circle.
 *
 * <p>Not thread-safe: a hash is owned by the thread of one space, which makes every call. The
 * action given to a query must not change the hash; doing so throws
 * {@link ConcurrentModificationException}.
 *
 * @param <K> the key, typically a user or session id; needs {@code equals}/{@code hashCode}
 */
public final class SpatialHash<K> {
    /** Cell coordinates are ints; beyond this many cells from the origin a position is refused. */
    private static final double MAX_CELL_INDEX = Integer.MAX_VALUE / 2.0;
    /**
     * Cell keys are (cx, cy) packed in a long and multiplied by this odd constant, a bijection:
     * {@code Long.hashCode} of the plain packing is {@code cx ^ cy}, which puts whole diagonals of
     * a grid in one bucket (at 10,000 cells, lookups were tree searches).
     */
    private static final long SCRAMBLE = 0x9E3779B97F4A7C15L;
    private static final long UNSCRAMBLE = inverse(SCRAMBLE);

    private final double cellSize;
    private final Map<K, Entry<K>> entries = new HashMap<>();
    private final Map<Long, List<Entry<K>>> cells = new HashMap<>();
    private int modifications;

    /** One key's position and where it sits in its cell's list, for O(1) removal. */
    private static final class Entry<K> {
        final K key;
        double x;
        double y;
        long cell;
        int index;

        Entry(K key) {
            this.key = key;
        }
    }

    public SpatialHash(double cellSize) {
        if (!(Double.isFinite(cellSize) && cellSize > 0)) {
            throw new IllegalArgumentException("cellSize must be a positive number, got " + cellSize);
        }
        this.cellSize = cellSize;
    }

    /** Inserts {@code key} at {@code (x, y)}, or moves it there; O(1), no allocation if the cell stays. */
    public void put(K key, double x, double y) {
        Objects.requireNonNull(key, "key");
        long cell = cellKey(cellIndex(x, "x"), cellIndex(y, "y"));
        Entry<K> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(key);
            entries.put(key, entry);
            addToCell(entry, cell);
        } else if (entry.cell != cell) {
            removeFromCell(entry);
            addToCell(entry, cell);
        }
        entry.x = x;
        entry.y = y;
        modifications++;
    }

    /** Removes {@code key}; returns whether it was present. */
    public boolean remove(K key) {
        Entry<K> entry = entries.remove(key);
        if (entry == null) {
            return false;
        }
        removeFromCell(entry);
        modifications++;
        return true;
    }

    public boolean contains(K key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    /** Where {@code key} is, or empty if it is not in the hash. */
    public Optional<Point> position(K key) {
        Entry<K> entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(new Point(entry.x, entry.y));
    }

    /** Calls {@code action} for every key at Euclidean distance {@code <= radius} from {@code (x, y)}. */
    public void forEachWithin(double x, double y, double radius, Consumer<? super K> action) {
        forEachNear(x, y, radius, (key, dx, dy) -> action.accept(key));
    }

    /** What {@link #forEachNear} calls: a key and where it stands relative to the query's centre. */
    @FunctionalInterface
    public interface Near<K> {
        void accept(K key, double dx, double dy);
    }

    /**
     * Like {@link #forEachWithin}, also giving each key's offset from {@code (x, y)}, which the hash
     * holds already: a caller that needs distances need not read them from the keys' own objects.
     */
    public void forEachNear(double x, double y, double radius, Near<? super K> action) {
        double radiusSquared = radius * radius;
        forEachCandidate(x, y, radius, entry -> {
            double dx = entry.x - x;
            double dy = entry.y - y;
            if (dx * dx + dy * dy <= radiusSquared) {
                action.accept(entry.key, dx, dy);
            }
        });
    }

    /**
     * Like {@link #forEachNear}, for the keys in the ring {@code inner < distance <= outer} only
     * (and perhaps some nearer): cells wholly within the inner circle are not visited. A thin ring
     * inside a crowd costs the cells of its rim, not the crowd.
     */
    public void forEachNearOutside(double x, double y, double inner, double outer, Near<? super K> action) {
        double outerSquared = outer * outer;
        double innerSquared = inner > 0 ? inner * inner : -1;
        forEachCandidate(x, y, outer, innerSquared, entry -> {
            double dx = entry.x - x;
            double dy = entry.y - y;
            if (dx * dx + dy * dy <= outerSquared) {
                action.accept(entry.key, dx, dy);
            }
        });
    }

    private void forEachCandidate(double x, double y, double radius, Consumer<Entry<K>> action) {
        forEachCandidate(x, y, radius, -1, action);
    }

    /** Visits the cells that overlap the circle, except those whose farthest point is within {@code innerSquared}. */
    private void forEachCandidate(double x, double y, double radius, double innerSquared, Consumer<Entry<K>> action) {
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(radius) && radius >= 0)) {
            throw new IllegalArgumentException("query needs a finite centre and a non-negative radius, got ("
                    + x + ", " + y + ") radius " + radius);
        }
        double minX = Math.floor((x - radius) / cellSize);
        double maxX = Math.floor((x + radius) / cellSize);
        double minY = Math.floor((y - radius) / cellSize);
        double maxY = Math.floor((y + radius) / cellSize);
        int expected = modifications;
        if ((maxX - minX + 1) * (maxY - minY + 1) > cells.size()) {
            // A circle covering more cells than are occupied: walk the occupied ones instead.
            for (Map.Entry<Long, List<Entry<K>>> cell : cells.entrySet()) {
                long key = cell.getKey() * UNSCRAMBLE;
                double cx = (int) (key >> 32);
                double cy = (int) key;
                if (cx >= minX && cx <= maxX && cy >= minY && cy <= maxY && overlaps(cx, cy, x, y, radius)
                        && !within(cx, cy, x, y, innerSquared)) {
                    visit(cell.getValue(), action, expected);
                }
            }
            return;
        }
        for (double cy = minY; cy <= maxY; cy++) {
            for (double cx = minX; cx <= maxX; cx++) {
                List<Entry<K>> cell = cells.get(cellKey((int) cx, (int) cy));
                if (cell != null && overlaps(cx, cy, x, y, radius) && !within(cx, cy, x, y, innerSquared)) {
                    visit(cell, action, expected);
                }
            }
        }
    }

    private void visit(List<Entry<K>> cell, Consumer<Entry<K>> action, int expected) {
        for (int i = 0; i < cell.size(); i++) {
            action.accept(cell.get(i));
            if (modifications != expected) {
                throw new ConcurrentModificationException("the spatial hash was changed during a query");
            }
        }
    }

    /** Whether the circle reaches into cell {@code (cx, cy)}: distance to the cell's nearest point. */
    private boolean overlaps(double cx, double cy, double x, double y, double radius) {
        double left = cx * cellSize;
        double top = cy * cellSize;
        double dx = x < left ? left - x : Math.max(0, x - (left + cellSize));
        double dy = y < top ? top - y : Math.max(0, y - (top + cellSize));
        return dx * dx + dy * dy <= radius * radius;
    }

    /** Whether all of cell {@code (cx, cy)} lies within {@code sqrt(distanceSquared)} of (x, y): its farthest corner. */
    private boolean within(double cx, double cy, double x, double y, double distanceSquared) {
        if (distanceSquared < 0) {
            return false;
        }
        double left = cx * cellSize;
        double top = cy * cellSize;
        double fx = Math.max(Math.abs(x - left), Math.abs(x - left - cellSize));
        double fy = Math.max(Math.abs(y - top), Math.abs(y - top - cellSize));
        return fx * fx + fy * fy < distanceSquared;
    }

    private void addToCell(Entry<K> entry, long cell) {
        List<Entry<K>> list = cells.computeIfAbsent(cell, c -> new ArrayList<>(4));
        entry.cell = cell;
        entry.index = list.size();
        list.add(entry);
    }

    private void removeFromCell(Entry<K> entry) {
        List<Entry<K>> list = cells.get(entry.cell);
        Entry<K> last = list.removeLast();
        if (last != entry) {
            // Swap-remove: the last entry takes the removed one's slot.
            list.set(entry.index, last);
            last.index = entry.index;
        }
        if (list.isEmpty()) {
            cells.remove(entry.cell);
        }
    }

    private int cellIndex(double coordinate, String name) {
        double index = Math.floor(coordinate / cellSize);
        if (!(Math.abs(index) <= MAX_CELL_INDEX)) {
            throw new IllegalArgumentException(name + " must be a finite coordinate within range, got " + coordinate);
        }
        return (int) index;
    }

    private static long cellKey(int cx, int cy) {
        return (((long) cx << 32) | (cy & 0xFFFFFFFFL)) * SCRAMBLE;
    }

    /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
