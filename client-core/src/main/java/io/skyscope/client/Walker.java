package io.skyscope.client;

import io.skyscope.protocol.Person;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My own avatar walking as a person would: with held direction keys or along a path to a chosen
 * spot, never through a blocked tile ({@link Terrain}) and never faster than the server allows (a
 * little under its {@code maxSpeed}, so its budget never runs dry), reporting positions about ten
 * times a second. When the server places me (welcome, correction) the walker jumps there and
 * stops. The desktop drives it from its render loop ({@link #step}) and input; {@link #walk} drives
 * it on the calling thread for the CLI, the bots, the tests, and the session walking back after a
 * reconnect.
 *
 * <p>Threads: one thread at a time (the desktop's FX thread, or the thread calling {@link #walk});
 * the {@link MoveSink} is called on it.
 */
public final class Walker {
    private static final Logger LOG = LoggerFactory.getLogger(Walker.class);
    /** Seconds between position reports while walking; matches the server's 100 ms tick. */
    public static final double SEND_INTERVAL = 0.1;
    /** Longest step simulated at once, so a stalled frame cannot make one move the server refuses. */
    public static final double MAX_DT = 0.1;
    /** Walk a little under the limit; the server's budget then never runs dry. */
    public static final double SPEED_FACTOR = 0.9;
    /** How often {@link #walk} steps. */
    private static final long STEP_MILLIS = 50;

    /** A point on the map, in pixels. */
    public record Point(double x, double y) {
    }

    /** Where positions go (the session). */
    public interface MoveSink {
        void move(double x, double y);
    }

    /** Where I may walk: the map's collision grid and a way around its walls. */
    public interface Terrain {
        /** Open ground: every straight line is clear (the server still checks each step). */
        Terrain OPEN = new Terrain() {
            @Override
            public boolean walkable(double x, double y) {
                return true;
            }

            @Override
            public boolean segmentClear(double x0, double y0, double x1, double y1) {
                return true;
            }

            @Override
            public List<Point> path(double fromX, double fromY, double toX, double toY) {
                return List.of(new Point(toX, toY));
            }
        };

        boolean walkable(double x, double y);

        /** Whether the straight line between the two points crosses no blocked tile. */
        boolean segmentClear(double x0, double y0, double x1, double y1);

        /** Waypoints from one point to another around walls, ending at the target; empty if there is no way. */
        List<Point> path(double fromX, double fromY, double toX, double toY);
    }

    private final Terrain terrain;
    private final MoveSink sink;
    private final Deque<Point> path = new ArrayDeque<>();
    private double x;
    private double y;
    private boolean placed;
    private long placement = -1;
    private double keyX;
    private double keyY;
    private boolean walking;
    private double sinceSend;
    private double sentX;
    private double sentY;
    private double maxSpeed = 320;

    public Walker(Terrain terrain, MoveSink sink) {
        this.terrain = terrain;
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

    /** Held direction keys as a vector, each component -1, 0 or 1. Keys cancel a path. */
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
        List<Point> found = terrain.path(x, y, tx, ty);
        path.clear();
        path.addAll(found);
        return !found.isEmpty();
    }

    public void stop() {
        path.clear();
    }

    public List<Point> path() {
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

    /** Whether the last step moved me. */
    public boolean walking() {
        return walking;
    }

    /** Advances by {@code dt} seconds; reports my position when due, and the final spot when I stop. */
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
                Point next = path.peekFirst();
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
        walking = Math.hypot(x - startX, y - startY) > 1e-6;
        sinceSend += dt;
        boolean unsent = x != sentX || y != sentY;
        if (unsent && (sinceSend >= SEND_INTERVAL || !walking)) {
            send();
        }
    }

    /**
     * Walks {@code session} to (x, y) in a straight line on the calling thread, stepping every
     * 50 ms; true once there and reported, false if the server placed me elsewhere (a wall, a full
     * room: a correction) or the session went offline.
     */
    public static boolean walk(Session session, double x, double y) {
        return walk(session, Terrain.OPEN, x, y);
    }

    /**
     * Walks {@code session} to (x, y) along {@code terrain}'s path around its walls, like
     * {@link #walk(Session, double, double)}; false at once if the terrain has no way there.
     */
    public static boolean walk(Session session, Terrain terrain, double x, double y) {
        World w = session.snapshot();
        Person me = w.self();
        Placement start = session.placement();
        if (me == null || session.state() != Session.State.ONLINE) {
            LOG.info("walk to {},{} given up: {}", x, y, me == null ? "not in a space" : session.state());
            return false;
        }
        var walker = new Walker(terrain, session::move);
        walker.place(start.generation(), me.x(), me.y());
        walker.maxSpeed(w.rules() == null ? 160 : w.rules().maxSpeed());
        if (!walker.walkTo(x, y)) {
            LOG.info("walk to {},{} given up: no way there from {},{}", x, y, me.x(), me.y());
            return false;
        }
        while (true) {
            if (session.state() != Session.State.ONLINE) {
                LOG.info("walk to {},{} given up: {}", x, y, session.state());
                return false;
            }
            Placement now = session.placement();
            if (now.generation() != start.generation()) {
                LOG.debug("walk to {},{} stopped by the server at {},{}", x, y, now.x(), now.y());
                return false;
            }
            walker.step(STEP_MILLIS / 1000.0);
            if (walker.path().isEmpty() && !walker.walking()) {
                return true;
            }
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** After a reconnect: if the server placed us elsewhere (it restarted), walk back. */
    static void walkBack(Session session, Person placed, double[] before) {
        if (Math.hypot(placed.x() - before[0], placed.y() - before[1]) > 1) {
            LOG.info("placed at {},{} after reconnecting; walking back to {},{}", placed.x(), placed.y(), before[0],
                    before[1]);
            walk(session, before[0], before[1]);
        }
    }

    /** Moves along each axis separately so walking into a wall at an angle slides along it. */
    private void slide(double dx, double dy) {
        double nx = x + dx;
        if (terrain.walkable(nx, y) && terrain.segmentClear(x, y, nx, y)) {
            advanceTo(nx, y);
        }
        double ny = y + dy;
        if (terrain.walkable(x, ny) && terrain.segmentClear(x, y, x, ny)) {
            advanceTo(x, ny);
        }
    }

    /**
     * Takes a step; if the straight line from the last reported position to the new one would cut
     * through a wall corner (the server checks that line), reports the corner position first.
     */
    private void advanceTo(double nx, double ny) {
        if (!terrain.segmentClear(sentX, sentY, nx, ny)) {
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
