package io.skyscope.desktop.office;

import io.skyscope.desktop.map.PathFinder;
import io.skyscope.desktop.render.Facing;
import io.skyscope.map.CollisionGrid;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * My own avatar: walks with the keys or along a path to a clicked spot, never through a blocked
 * tile and never faster than the server allows, and reports positions to the server about ten times
 * a second. When the server places me (welcome, correction) the walker jumps there and stops.
 *
 * <p>Threads: FX thread only (the render loop calls {@link #step}; input handlers set keys and
 * targets).
 */
public final class Walker {
    /** Seconds between position reports while walking; matches the server's 100 ms tick. */
    static final double SEND_INTERVAL = 0.1;
    /** Longest step simulated at once, so a stalled frame cannot make one move the server refuses. */
    static final double MAX_DT = 0.1;
    /** Walk a little under the limit; the server's budget then never runs dry. */
    static final double SPEED_FACTOR = 0.9;

    /** Where positions go (the connection). */
    public interface MoveSink {
        void move(double x, double y);
    }

    private final CollisionGrid grid;
    private final PathFinder pathFinder;
    private final MoveSink sink;
    private final Deque<PathFinder.Point> path = new ArrayDeque<>();
    private double x;
    private double y;
    private boolean placed;
    private long placement = -1;
    private double keyX;
    private double keyY;
    private Facing facing = Facing.DOWN;
    private boolean walking;
    private double sinceSend;
    private double sentX;
    private double sentY;
    private double maxSpeed = 320;

    public Walker(CollisionGrid grid, MoveSink sink) {
        this.grid = grid;
        this.pathFinder = new PathFinder(grid);
        this.sink = sink;
    }

    /** The server put me here; generation tells new placements from ones already taken. */
    public void place(long generation, double px, double py) {
        if (generation == placement) {
            return;
        }
        placement = generation;
        x = px;
        y = py;
        sentX = px;
        sentY = py;
        placed = true;
        path.clear();
    }

    public void maxSpeed(double pxPerSecond) {
        if (pxPerSecond > 0) {
            maxSpeed = pxPerSecond;
        }
    }

    /** Held direction keys as a vector, each component -1, 0 or 1. Keys cancel a click path. */
    public void keys(int dx, int dy) {
        keyX = dx;
        keyY = dy;
        if (dx != 0 || dy != 0) {
            path.clear();
        }
    }

    /** Walks to a map point around walls; false if there is no way there. */
    public boolean walkTo(double tx, double ty) {
        if (!placed) {
            return false;
        }
        List<PathFinder.Point> found = pathFinder.find(x, y, tx, ty);
        path.clear();
        path.addAll(found);
        return !found.isEmpty();
    }

    public void stop() {
        path.clear();
    }

    public List<PathFinder.Point> path() {
        return List.copyOf(path);
    }

    public boolean placed() {
        return placed;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public Facing facing() {
        return facing;
    }

    public boolean walking() {
        return walking;
    }

    public void step(double dt) {
        if (!placed) {
            return;
        }
        double t = Math.min(dt, MAX_DT);
        double budget = maxSpeed * SPEED_FACTOR * t;
        double startX = x;
        double startY = y;
        if (keyX != 0 || keyY != 0) {
            double len = Math.hypot(keyX, keyY);
            slide(keyX / len * budget, keyY / len * budget);
        } else {
            while (budget > 1e-9 && !path.isEmpty()) {
                PathFinder.Point next = path.peekFirst();
                double d = Math.hypot(next.x() - x, next.y() - y);
                if (d <= budget) {
                    advanceTo(next.x(), next.y());
                    path.removeFirst();
                    budget -= d;
                } else {
                    advanceTo(x + (next.x() - x) / d * budget, y + (next.y() - y) / d * budget);
                    budget = 0;
                }
            }
        }
        double moved = Math.hypot(x - startX, y - startY);
        walking = moved > 1e-6;
        if (walking) {
            facing = Facing.of(x - startX, y - startY, facing);
        }
        sinceSend += dt;
        boolean unsent = x != sentX || y != sentY;
        if (unsent && (sinceSend >= SEND_INTERVAL || !walking)) {
            send();
        }
    }

    /** Moves along each axis separately so walking into a wall at an angle slides along it. */
    private void slide(double dx, double dy) {
        double nx = x + dx;
        if (grid.walkable(nx, y) && grid.segmentClear(x, y, nx, y)) {
            advanceTo(nx, y);
        }
        double ny = y + dy;
        if (grid.walkable(x, ny) && grid.segmentClear(x, y, x, ny)) {
            advanceTo(x, ny);
        }
    }

    /**
     * Takes a step; if the straight line from the last reported position to the new one would cut
     * through a wall corner (the server checks that line), reports the corner position first.
     */
    private void advanceTo(double nx, double ny) {
        if (!grid.segmentClear(sentX, sentY, nx, ny)) {
            send();
        }
        x = nx;
        y = ny;
    }

    private void send() {
        sink.move(x, y);
        sentX = x;
        sentY = y;
        sinceSend = 0;
    }
}
