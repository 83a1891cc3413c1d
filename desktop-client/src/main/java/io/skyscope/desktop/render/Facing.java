package io.skyscope.desktop.render;

/** Which way an avatar looks; sprites exist for each. */
public enum Facing {
    DOWN, UP, LEFT, RIGHT;

    /** The facing for a movement vector; vertical wins ties so walking diagonally looks natural. */
    public static Facing of(double dx, double dy, Facing otherwise) {
        if (Math.abs(dx) < 1e-6 && Math.abs(dy) < 1e-6) {
            return otherwise;
        }
        if (Math.abs(dx) > Math.abs(dy) * 1.2) {
            return dx < 0 ? LEFT : RIGHT;
        }
        return dy < 0 ? UP : DOWN;
    }
}
