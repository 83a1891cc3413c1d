package io.skyscope.map;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A named, axis-aligned rectangle of the map with a meaning ({@link AreaKind}), read from a
 * rectangle object of the map's object layers. Coordinates are pixels.
 *
 * @param properties the object's Tiled custom properties (int, float, bool and string-like values)
 */
public record MapArea(String name, AreaKind kind, double x, double y, double width, double height,
                      Map<String, Object> properties) {

    public MapArea {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height))
                || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("area '" + name + "' needs finite coordinates and a positive size");
        }
        properties = Map.copyOf(properties);
    }

    /**
     * Whether the point lies in the area. The rectangle is half-open ({@code x <= px < x + width}),
     * so a point on the edge shared by two adjacent areas belongs to exactly one of them.
     */
    public boolean contains(double px, double py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }

    /** The {@code capacity} property of a meeting room, if the map sets one. */
    public OptionalInt capacity() {
        return properties.get("capacity") instanceof Integer capacity ? OptionalInt.of(capacity) : OptionalInt.empty();
    }

    /** The name of the stage an audience area listens to ({@code stage} property). */
    public Optional<String> stageName() {
        return properties.get("stage") instanceof String stage ? Optional.of(stage) : Optional.empty();
    }

    /** Area in square pixels; {@link TiledMap#areaAt} prefers the smallest area under a point. */
    public double size() {
        return width * height;
    }
}
