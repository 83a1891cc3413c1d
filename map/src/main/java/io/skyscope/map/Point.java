package io.skyscope.map;

/** A position on the map in pixels, origin at the top-left corner, y growing downwards. */
public record Point(double x, double y) {
}
