package io.skyscope.desktop.map;

/** A named rectangle of the map in pixels, e.g. a meeting room. */
public record Area(String name, AreaKindLabel kind, double x, double y, double width, double height) {

    public boolean contains(double px, double py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }
}
