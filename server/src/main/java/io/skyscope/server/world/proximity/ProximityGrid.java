package io.skyscope.server.world.proximity;

import java.util.Arrays;

/**
 * Where the people in open space stand, for "who is within r of (x, y)" at every tick: a dense
 * uniform grid over the map (coordinates are never negative), each cell a linked list of people
 * threaded through int arrays, positions in one array indexed by a person's slot. The same idea as
 * {@code world.SpatialHash}, laid out for the proximity engine's volume: with 10,000 people and a
 * tenth of them moving, a tick makes a thousand radius queries, and a query here reads three
 * short runs of the cell array and the people in them, where boxed cell keys in a hash map and a
 * list per cell cost several times as much.
 *
 * <p>The grid grows to cover the furthest point seen. Cells are at least 1/2048 of the largest
 * map (32 px), which bounds the grid at 2048 x 2048 cells. Not thread-safe: owned by the engine's
 * thread.
 */
final class ProximityGrid {
    private static final int NONE = -1;
    private static final double MIN_CELL = 65_536.0 / 2048;
    /**
     * Cells a quarter of the join radius wide (at least {@link #MIN_CELL}): in a crowd a query
     * shrinks to the nearest handful of people (the cap's ranking), and with cells as wide as the
     * radius it still measured everyone in the cells around, thousands when a crowd stands at
     * the spawn. An array of cells costs little to walk where they are empty.
     */
    private static final double CELLS_PER_RADIUS = 4;

    private final double cellSize;
    private VoiceMember[] people = new VoiceMember[64];
    /** x and y of slot s at 2s and 2s + 1. */
    private double[] positions = new double[128];
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private int[] cellOf = new int[64];
    private int[] freeSlots = new int[64];
    /** Per slot: the number of the query told to skip it ({@link #skipInNextQuery}). */
    private int[] skip = new int[64];
    /** Per slot: walking past ({@link VoiceMember#walking}), which no query finds. */
    private boolean[] walking = new boolean[64];
    /** The number of the next radius query; never 0, which {@code skip} holds for "none". */
    private int query;
    private int free;
    private int slots;
    private int size;
    private int cols = 1;
    private int rows = 1;
    private int[] heads = {NONE};

    ProximityGrid(double radius) {
        this(radius, 1);
    }

    /** A grid whose queries are numbered from {@code firstQuery} (tests: near the wrap). */
    ProximityGrid(double radius, int firstQuery) {
        this.cellSize = Math.max(radius / CELLS_PER_RADIUS, MIN_CELL);
        this.query = firstQuery;
    }

    int size() {
        return size;
    }

    /** Adds or moves a person. */
    void put(VoiceMember m, double x, double y) {
        int cx = cell(x);
        int cy = cell(y);
        if (cx >= cols || cy >= rows) {
            grow(cx, cy);
        }
        int cell = cy * cols + cx;
        if (m.slot == NONE) {
            m.slot = allocate(m);
            walking[m.slot] = m.walking; // a reused slot may hold a walker's mark
            size++;
        } else if (cellOf[m.slot] != cell) {
            unthread(m.slot);
        } else {
            positions[2 * m.slot] = x;
            positions[2 * m.slot + 1] = y;
            return;
        }
        positions[2 * m.slot] = x;
        positions[2 * m.slot + 1] = y;
        thread(m.slot, cell);
    }

    void remove(VoiceMember m) {
        if (m.slot == NONE) {
            return;
        }
        unthread(m.slot);
        people[m.slot] = null;
        freeSlots[free++] = m.slot;
        m.slot = NONE;
        size--;
    }

    /** What a radius query calls for each person found. */
    @FunctionalInterface
    interface Visitor {
        /** {@code distance}: from the query's centre, as {@link VoiceMember#distanceTo} would give it. */
        void visit(VoiceMember m, double distance);
    }

    /**
     * Takes note that {@code m} started or stopped walking past: no query finds a walker. Kept by
     * slot so that a query never reads the people it passes over (a cache miss each in a crowd).
     */
    void walking(VoiceMember m) {
        if (m.slot != NONE) {
            walking[m.slot] = m.walking;
        }
    }

    /**
     * Leaves {@code m} out of the next {@link #forEachWithin} (the one asking, and the peers it
     * already has): one mark by slot, where checking each person found against a list would scan
     * it once per person. Nothing if {@code m} is not in the grid.
     */
    void skipInNextQuery(VoiceMember m) {
        if (m.slot != NONE) {
            skip[m.slot] = query;
        }
    }

    /**
     * Calls {@code visitor} for everyone at Euclidean distance {@code <= radius} from (x, y), with
     * that distance, taken from the grid's own copy of positions: a caller that only checks who
     * was found never reads the people themselves (each a cache miss in a large space). People
     * passed to {@link #skipInNextQuery} since the last query, and people walking past, are left
     * out.
     */
    void forEachWithin(double x, double y, double radius, Visitor visitor) {
        int current = query;
        double r2 = radius * radius;
        int minX = Math.max(0, cell(x - radius));
        int maxX = Math.min(cols - 1, cell(x + radius));
        int minY = Math.max(0, cell(y - radius));
        int maxY = Math.min(rows - 1, cell(y + radius));
        for (int cy = minY; cy <= maxY; cy++) {
            int row = cy * cols;
            for (int cx = minX; cx <= maxX; cx++) {
                for (int s = heads[row + cx]; s != NONE; s = next[s]) {
                    double dx = positions[2 * s] - x;
                    double dy = positions[2 * s + 1] - y;
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= r2 && skip[s] != current && !walking[s]) {
                        visitor.visit(people[s], Math.sqrt(d2));
                    }
                }
            }
        }
        if (++query == 0) {
            // After 2^32 queries the numbers come round again: forget the old marks.
            Arrays.fill(skip, 0);
            query = 1;
        }
    }

    private int cell(double coordinate) {
        return coordinate <= 0 ? 0 : (int) (coordinate / cellSize);
    }

    private int allocate(VoiceMember m) {
        int slot;
        if (free > 0) {
            slot = freeSlots[--free];
        } else {
            if (slots == people.length) {
                int n = slots * 2;
                people = Arrays.copyOf(people, n);
                positions = Arrays.copyOf(positions, 2 * n);
                next = Arrays.copyOf(next, n);
                prev = Arrays.copyOf(prev, n);
                cellOf = Arrays.copyOf(cellOf, n);
                freeSlots = Arrays.copyOf(freeSlots, n);
                skip = Arrays.copyOf(skip, n);
                walking = Arrays.copyOf(walking, n);
            }
            slot = slots++;
        }
        people[slot] = m;
        return slot;
    }

    private void thread(int slot, int cell) {
        int head = heads[cell];
        next[slot] = head;
        prev[slot] = NONE;
        if (head != NONE) {
            prev[head] = slot;
        }
        heads[cell] = slot;
        cellOf[slot] = cell;
    }

    private void unthread(int slot) {
        int p = prev[slot];
        int n = next[slot];
        if (p != NONE) {
            next[p] = n;
        } else {
            heads[cellOf[slot]] = n;
        }
        if (n != NONE) {
            prev[n] = p;
        }
    }

    /** Enlarges the grid to cover cell (cx, cy) and threads everyone into it again. */
    private void grow(int cx, int cy) {
        cols = Math.max(cols, Math.max(cx + 1, Math.min(cols * 2, 2048)));
        rows = Math.max(rows, Math.max(cy + 1, Math.min(rows * 2, 2048)));
        heads = new int[cols * rows];
        Arrays.fill(heads, NONE);
        for (int s = 0; s < slots; s++) {
            if (people[s] != null) {
                thread(s, cell(positions[2 * s + 1]) * cols + cell(positions[2 * s]));
            }
        }
    }
}
