package io.skyscope.map;

import static io.skyscope.map.JsonFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads areas, spawn points and desks from a map's object layers. Objects whose class (or, before
 * Tiled 1.9 and again since 1.10, type) is not an {@link AreaKind}, {@code spawn} or {@code desk}
 * are decoration or
 * someone else's business: they are not checked, and only kept as {@link MapRegion}s (names on the
 * floor plan) when they are rectangles.
 */
final class MapObjects {
    private static final int MAX_CAPACITY = 10_000;

    /** A tile or object layer, how messages should refer to it, and whether Tiled shows it. */
    record Layer(String context, JsonNode node, boolean visible) {
    }

    record Result(List<MapArea> areas, List<Point> spawns, List<MapRegion> regions, List<MapDesks.Raw> desks) {
    }

    private MapObjects() {
    }

    static Result read(List<Layer> layers, int pixelWidth, int pixelHeight) {
        List<MapArea> areas = new ArrayList<>();
        List<Point> spawns = new ArrayList<>();
        List<MapRegion> regions = new ArrayList<>();
        List<MapDesks.Raw> desks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Layer layer : layers) {
            for (JsonNode object : JsonFields.optionalArray(layer.node(), "objects", layer.context())) {
                JsonFields.requireObject(object, layer.context() + ": object");
                String kindName = JsonFields.optionalString(object, "type", layer.context());
                if (kindName.isEmpty()) {
                    kindName = JsonFields.optionalString(object, "class", layer.context());
                }
                if (kindName.equals(MapDesk.TILED_CLASS)) {
                    desks.add(desk(object, layer.context(), pixelWidth, pixelHeight));
                    continue;
                }
                Optional<AreaKind> kind = AreaKind.fromWireName(kindName);
                if (kind.isEmpty() && !kindName.equals(MapRegion.SPAWN)) {
                    otherRegion(object, kindName).ifPresent(regions::add);
                    continue;
                }
                String name = JsonFields.optionalString(object, "name", layer.context()).strip();
                String context = layer.context() + ": " + kindName + " object"
                        + (object.has("id") ? " " + object.get("id").asText() : "")
                        + (name.isEmpty() ? "" : " '" + name + "'");
                if (name.isEmpty() && kind.isPresent()) {
                    throw invalid(context, "needs a name");
                }
                if (!name.isEmpty() && !names.add(name)) {
                    throw invalid(context, "the name '" + name + "' is used by another area");
                }
                double[] rect = rectangle(object, kind.isEmpty(), pixelWidth, pixelHeight, context);
                if (rect[2] > 0 && rect[3] > 0) {
                    regions.add(new MapRegion(name, kindName, rect[0], rect[1], rect[2], rect[3]));
                }
                if (kind.isEmpty()) {
                    spawns.add(new Point(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2));
                } else {
                    Map<String, Object> properties = TiledProperties.read(object, context);
                    checkProperties(kind.get(), properties, context);
                    areas.add(new MapArea(name, kind.get(), rect[0], rect[1], rect[2], rect[3], properties));
                }
            }
        }
        checkStagesExist(areas);
        if (spawns.isEmpty()) {
            throw new MapValidationException("map has no spawn point: add an object of class 'spawn' to an object layer");
        }
        return new Result(List.copyOf(areas), List.copyOf(spawns), List.copyOf(regions), List.copyOf(desks));
    }

    /**
     * A desk object: a rectangle or a point inside the map. Not a {@link MapRegion}: clients draw
     * desks from {@link TiledMap#desks()} (with their holders), not as labels on the floor plan.
     */
    private static MapDesks.Raw desk(JsonNode object, String layerContext, int pixelWidth, int pixelHeight) {
        String name = JsonFields.optionalString(object, "name", layerContext).strip();
        String context = layerContext + ": desk object" + (object.has("id") ? " " + object.get("id").asText() : "")
                + (name.isEmpty() ? "" : " '" + name + "'");
        double[] rect = rectangle(object, true, pixelWidth, pixelHeight, context);
        return new MapDesks.Raw(name, rect[0], rect[1], rect[2], rect[3], context);
    }

    /**
     * A rectangle of no meaning to the rules, read leniently: nothing about it can make a map
     * invalid. Empty unless it has a finite position and a positive size.
     */
    private static Optional<MapRegion> otherRegion(JsonNode object, String tiledClass) {
        double x = object.path("x").asDouble();
        double y = object.path("y").asDouble();
        double width = object.path("width").asDouble();
        double height = object.path("height").asDouble();
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height))
                || width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new MapRegion(object.path("name").asText("").strip(), tiledClass, x, y, width, height));
    }

    /** {x, y, width, height} of an axis-aligned rectangle (or, for a spawn or a desk, a point) inside the map. */
    private static double[] rectangle(JsonNode object, boolean spawn, int pixelWidth, int pixelHeight, String context) {
        for (String shape : new String[] {"ellipse", "polygon", "polyline", "text", "gid", "point"}) {
            JsonNode flag = object.get(shape);
            boolean present = flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
            if (present && !(spawn && shape.equals("point"))) {
                throw invalid(context, "must be a rectangle" + (spawn ? " or a point" : "")
                        + ", not a" + (shape.equals("ellipse") ? "n " : " ") + shape);
            }
        }
        if (JsonFields.optionalFinite(object, "rotation", 0, context) != 0) {
            throw invalid(context, "must not be rotated");
        }
        double x = JsonFields.requireFinite(object, "x", context);
        double y = JsonFields.requireFinite(object, "y", context);
        double width = JsonFields.optionalFinite(object, "width", 0, context);
        double height = JsonFields.optionalFinite(object, "height", 0, context);
        if (spawn ? width < 0 || height < 0 : width <= 0 || height <= 0) {
            throw invalid(context, "needs a " + (spawn ? "non-negative" : "positive") + " width and height, got "
                    + fmt(width) + " x " + fmt(height));
        }
        if (x < 0 || y < 0 || x + width > pixelWidth || y + height > pixelHeight) {
            throw invalid(context, "rectangle (" + fmt(x) + ", " + fmt(y) + ", " + fmt(width) + " x " + fmt(height)
                    + ") is not inside the map (" + pixelWidth + " x " + pixelHeight + " px)");
        }
        return new double[] {x, y, width, height};
    }

    private static void checkProperties(AreaKind kind, Map<String, Object> properties, String context) {
        if (kind == AreaKind.MEETING_ROOM && properties.containsKey("capacity")) {
            if (!(properties.get("capacity") instanceof Integer capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
                throw invalid(context, "property 'capacity' must be an int between 1 and " + MAX_CAPACITY
                        + ", got " + properties.get("capacity"));
            }
        }
        if (kind == AreaKind.AUDIENCE && !(properties.get("stage") instanceof String stage && !stage.isBlank())) {
            throw invalid(context, "needs a string property 'stage' naming the stage it listens to");
        }
    }

    private static void checkStagesExist(List<MapArea> areas) {
        Set<String> stages = new HashSet<>();
        areas.stream().filter(a -> a.kind() == AreaKind.STAGE).forEach(a -> stages.add(a.name()));
        for (MapArea area : areas) {
            if (area.kind() == AreaKind.AUDIENCE && !stages.contains(area.stageName().orElseThrow())) {
                throw new MapValidationException("audience '" + area.name() + "': property 'stage' names '"
                        + area.stageName().orElseThrow() + "', but there is no stage area with that name");
            }
        }
    }

    static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
