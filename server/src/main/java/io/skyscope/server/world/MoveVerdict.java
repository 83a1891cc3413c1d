package io.skyscope.server.world;

/** The outcome of {@link Movement#check}: the move was applied, or it was refused and why. */
public sealed interface MoveVerdict {

    /** Why a move was refused. */
    enum Reason {
        /** A coordinate was NaN or infinite. */
        NOT_FINITE,
        /** The destination is outside the map. */
        OUT_OF_BOUNDS,
        /** The destination is on a blocked tile, or the straight path to it crosses one. */
        WALL,
        /** The move is longer than the movement saved up since the last one. */
        TOO_FAST
    }

    /** The mover is now at {@code (x, y)}. */
    record Accepted(double x, double y) implements MoveVerdict {
    }

    /** The mover did not move; {@code message} says why in words fit for a client error reply. */
    record Rejected(Reason reason, String message) implements MoveVerdict {
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
