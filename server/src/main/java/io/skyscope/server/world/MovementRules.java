package io.skyscope.server.world;

/**
 * How fast avatars may move.
 *
 * @param maxSpeed     sustained speed limit in pixels per second
 * @param burstSeconds how many seconds of unused movement may be saved up; network jitter delivers
 *                     moves in clumps, and a saved-up budget lets a clump through without letting
 *                     anyone move faster than {@code maxSpeed} on average
 * @param tolerance    pixels of slack on each move, for rounding in clients that send positions
 *                     computed from frame times
 */
public record MovementRules(double maxSpeed, double burstSeconds, double tolerance) {
    /** 320 px/s (ten 32 px tiles a second), half a second of burst, 1 px of slack. */
    public static final MovementRules DEFAULT = new MovementRules(320, 0.5, 1);

    public MovementRules {
        if (!(Double.isFinite(maxSpeed) && maxSpeed > 0)) {
            throw new IllegalArgumentException("maxSpeed must be a positive number, got " + maxSpeed);
        }
        if (!(Double.isFinite(burstSeconds) && burstSeconds > 0)) {
            throw new IllegalArgumentException("burstSeconds must be a positive number, got " + burstSeconds);
        }
        if (!(Double.isFinite(tolerance) && tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be zero or a positive number, got " + tolerance);
        }
    }

    /** The most movement that can be saved up: {@code maxSpeed * burstSeconds} pixels. */
    public double burstPixels() {
        return maxSpeed * burstSeconds;
    }
}
