package io.skyscope.client;

/**
 * Where the server last put me: the welcome of each join, and every correction of a move.
 * {@code generation} counts them, so a walker tells a new placement from one it already took.
 */
public record Placement(long generation, double x, double y) {
    public static final Placement NONE = new Placement(0, 0, 0);

    Placement next(double nx, double ny) {
        return new Placement(generation + 1, nx, ny);
    }
}
