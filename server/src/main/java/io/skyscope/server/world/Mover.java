package io.skyscope.server.world;

import java.time.Instant;

/**
 * One avatar's movement state: where it stands and how much movement it has saved up. Created and
 * changed only by {@link Movement}; mutable and not thread-safe, owned by the thread of the space
 * the avatar is in.
 */
public final class Mover {
    private double x;
    private double y;
    private double budget;
    private Instant lastRefill;

    Mover(double x, double y, double budget, Instant lastRefill) {
        this.x = x;
        this.y = y;
        this.budget = budget;
        this.lastRefill = lastRefill;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    /** Pixels of movement saved up as of the last accepted move (refills with time). */
    public double budget() {
        return budget;
    }

    /** When {@link #budget()} was last brought up to date. */
    public Instant lastRefill() {
        return lastRefill;
    }

    void moveTo(double newX, double newY, double newBudget, Instant at) {
        x = newX;
        y = newY;
        budget = newBudget;
        lastRefill = at;
    }

    @Override
    public String toString() {
        return "Mover[x=" + x + ", y=" + y + ", budget=" + budget + "]";
    }
}
