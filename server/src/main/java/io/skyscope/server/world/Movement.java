package io.skyscope.server.world;

import io.skyscope.map.CollisionGrid;
import io.skyscope.map.TiledMap;
import io.skyscope.server.world.MoveVerdict.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a move an avatar's client reports is believable on a map, and applies it if so.
 *
 * <p>Each {@link Mover} holds a movement budget in pixels that refills at {@code maxSpeed} per second
 * up to {@code maxSpeed * burstSeconds}; a move spends its straight-line length from the budget. A
 * move is refused if a coordinate is not finite, the destination is outside the map or on a blocked
 * tile, it is longer than the budget (plus {@code tolerance}), or its straight path crosses a blocked
 * tile. A refused move leaves the mover as it was, so the server can send the client its last good
 * position.
 *
 * <p>The engine itself holds no per-user state and is safe to share; each {@link Mover} must only be
 * used by one thread at a time (the space's thread).
 */
public final class Movement {
    private final TiledMap map;
    private final CollisionGrid collision;
    private final MovementRules rules;
    private final Clock clock;

    public Movement(TiledMap map, MovementRules rules, Clock clock) {
        this.map = Objects.requireNonNull(map, "map");
        this.collision = map.collision();
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MovementRules rules() {
        return rules;
    }

    /** A new mover at the map's spawn point with a full budget. */
    public Mover spawn() {
        return spawnAt(map.spawn().x(), map.spawn().y());
    }

    /**
     * A new mover at a walkable position chosen by the server, with a full budget.
     *
     * @throws IllegalArgumentException if {@code (x, y)} is not walkable
     */
    public Mover spawnAt(double x, double y) {
        requireWalkable(x, y);
        return new Mover(x, y, rules.burstPixels(), clock.instant());
    }

    /**
     * Puts a mover somewhere else without spending budget, for server-side placement (a follow, a
     * "go to desk" command, a map change).
     *
     * @throws IllegalArgumentException if {@code (x, y)} is not walkable
     */
    public void teleport(Mover mover, double x, double y) {
        requireWalkable(x, y);
        Instant now = clock.instant();
        mover.moveTo(x, y, available(mover, now), latest(mover, now));
    }

    /** Checks a move of {@code mover} to {@code (x, y)} made now; applies it when accepted. */
    public MoveVerdict check(Mover mover, double x, double y) {
        return check(mover, x, y, clock.instant());
    }

    /**
     * Checks a move of {@code mover} to {@code (x, y)} that arrived at {@code receivedAt}; applies it
     * when accepted. The budget refills up to when the move arrived, not to when it is checked, so
     * moves that waited in a queue together (a busy space, a batch from another node) are judged at
     * the pace they were walked.
     */
    public MoveVerdict check(Mover mover, double x, double y, Instant receivedAt) {
        if (!(Double.isFinite(x) && Double.isFinite(y))) {
            return new MoveVerdict.Rejected(Reason.NOT_FINITE, "position must be finite numbers, got ("
                    + x + ", " + y + ")");
        }
        if (x < 0 || y < 0 || x >= map.pixelWidth() || y >= map.pixelHeight()) {
            return new MoveVerdict.Rejected(Reason.OUT_OF_BOUNDS, "position " + point(x, y)
                    + " is outside the map (" + map.pixelWidth() + " x " + map.pixelHeight() + " px)");
        }
        if (collision.blockedAt(x, y)) {
            return new MoveVerdict.Rejected(Reason.WALL, "position " + point(x, y) + " is on a blocked tile");
        }
        Instant now = receivedAt;
        double available = available(mover, now);
        double distance = Math.hypot(x - mover.x(), y - mover.y());
        // Speed before path: it bounds the length, and so the cost, of the path walk below.
        if (distance > available + rules.tolerance()) {
            return new MoveVerdict.Rejected(Reason.TOO_FAST, String.format(Locale.ROOT,
                    "moved %.1f px, but only %.1f px of movement was available", distance, available));
        }
        // A mover left on a blocked tile (the map changed under it) may step off it.
        boolean fromBlocked = collision.blockedAt(mover.x(), mover.y());
        if (!fromBlocked && !collision.segmentClear(mover.x(), mover.y(), x, y)) {
            return new MoveVerdict.Rejected(Reason.WALL, "the way from " + point(mover.x(), mover.y()) + " to "
                    + point(x, y) + " crosses a blocked tile");
        }
        mover.moveTo(x, y, Math.max(0, available - distance), latest(mover, now));
        return new MoveVerdict.Accepted(x, y);
    }

    /** The mover's budget refilled up to {@code now}, without changing the mover. */
    private double available(Mover mover, Instant now) {
        Duration elapsed = Duration.between(mover.lastRefill(), now);
        if (elapsed.isNegative()) {
            return mover.budget();
        }
        // Anything beyond the burst window refills nothing more; cap before converting to avoid overflow.
        double seconds = Math.min(rules.burstSeconds(), elapsed.getSeconds() + elapsed.getNano() / 1e9);
        return Math.min(rules.burstPixels(), mover.budget() + seconds * rules.maxSpeed());
    }

    /** A clock stepped backwards must not refill the same interval twice. */
    private static Instant latest(Mover mover, Instant now) {
        return now.isAfter(mover.lastRefill()) ? now : mover.lastRefill();
    }

    private void requireWalkable(double x, double y) {
        if (!collision.walkable(x, y)) {
            throw new IllegalArgumentException("position " + point(x, y) + " is not walkable");
        }
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "(%.1f, %.1f)", x, y);
    }
}
