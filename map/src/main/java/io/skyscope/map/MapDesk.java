package io.skyscope.map;

import java.util.Objects;

/**
 * A desk someone can make theirs, read from an object of class (or type) {@value #TILED_CLASS} in
 * the map's object layers: a named rectangle (usually the desk furniture, on blocked tiles) or a
 * point. {@code seat} is where its holder is placed and stands to work: the desk's centre when that
 * is walkable, else the centre of the walkable tile beside it that is nearest its centre (see
 * {@link MapDesks}). Coordinates are pixels.
 */
public record MapDesk(String name, double x, double y, double width, double height, Point seat) {
    /** The Tiled class of desk objects. */
    public static final String TILED_CLASS = "desk";
    /** Longest desk name, in characters. */
    public static final int MAX_NAME = 64;

    public MapDesk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(seat, "seat");
    }
}
