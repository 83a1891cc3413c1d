package io.skyscope.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.Json;
import java.io.UncheckedIOException;

/**
 * Small hand-drawn Tiled maps for tests. Rows of characters become a 32 px map with a {@code floor}
 * layer, a {@code walls} layer and an {@code areas} object layer: {@code #} is a wall (a tile whose
 * {@code collides} property is true), {@code .} floor, {@code S} floor with a spawn point at its centre.
 */
public final class TestMaps {
    public static final int TILE = 32;
    public static final int FLOOR_GID = 1;
    public static final int WALL_GID = 2;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestMaps() {
    }

    /** A map as a JSON tree, for tests that break one part of it. */
    public static ObjectNode tmj(String... rows) {
        int width = rows[0].length();
        int height = rows.length;
        ObjectNode map = NODES.objectNode()
                .put("type", "map").put("version", "1.10").put("orientation", "orthogonal")
                .put("renderorder", "right-down").put("infinite", false)
                .put("width", width).put("height", height).put("tilewidth", TILE).put("tileheight", TILE);
        ArrayNode floor = NODES.arrayNode();
        ArrayNode walls = NODES.arrayNode();
        ArrayNode objects = NODES.arrayNode();
        for (int y = 0; y < height; y++) {
            if (rows[y].length() != width) {
                throw new IllegalArgumentException("row " + y + " has length " + rows[y].length() + ", not " + width);
            }
            for (int x = 0; x < width; x++) {
                char c = rows[y].charAt(x);
                floor.add(FLOOR_GID);
                walls.add(c == '#' ? WALL_GID : 0);
                if (c == 'S') {
                    objects.add(NODES.objectNode().put("id", objects.size() + 1).put("name", "")
                            .put("type", "spawn").put("point", true)
                            .put("x", x * TILE + TILE / 2).put("y", y * TILE + TILE / 2)
                            .put("width", 0).put("height", 0).put("rotation", 0).put("visible", true));
                }
            }
        }
        ArrayNode layers = map.putArray("layers");
        layers.add(tileLayer("floor", width, height, floor));
        layers.add(tileLayer("walls", width, height, walls));
        layers.addObject().put("id", 3).put("name", "areas").put("type", "objectgroup")
                .put("draworder", "topdown").put("visible", true).put("x", 0).put("y", 0).set("objects", objects);
        ObjectNode tileset = map.putArray("tilesets").addObject()
                .put("firstgid", 1).put("name", "test").put("image", "test.png")
                .put("columns", 2).put("tilecount", 4).put("imagewidth", 64).put("imageheight", 64)
                .put("tilewidth", TILE).put("tileheight", TILE).put("margin", 0).put("spacing", 0);
        ObjectNode wallTile = tileset.putArray("tiles").addObject().put("id", WALL_GID - 1);
        property(wallTile, "collides", "bool", true);
        return map;
    }

    /** Adds a rectangle object with Tiled 1.9's {@code class} to the {@code areas} layer; returns it. */
    public static ObjectNode addArea(ObjectNode map, String kind, String name, double x, double y, double w, double h) {
        ArrayNode objects = (ArrayNode) map.get("layers").get(2).get("objects");
        int id = 100 + objects.size();
        return objects.addObject().put("id", id).put("name", name).put("class", kind)
                .put("x", x).put("y", y).put("width", w).put("height", h).put("rotation", 0).put("visible", true);
    }

    /** Appends a Tiled custom property to an object or tile. */
    public static ObjectNode property(ObjectNode owner, String name, String type, Object value) {
        ArrayNode properties = owner.has("properties") ? (ArrayNode) owner.get("properties") : owner.putArray("properties");
        properties.addObject().put("name", name).put("type", type).set("value", Json.strict().valueToTree(value));
        return owner;
    }

    public static byte[] bytes(ObjectNode map) {
        try {
            return Json.strict().writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TiledMap parse(ObjectNode map) {
        return TiledMapParser.parse(bytes(map));
    }

    public static TiledMap map(String... rows) {
        return parse(tmj(rows));
    }

    private static ObjectNode tileLayer(String name, int width, int height, ArrayNode data) {
        ObjectNode layer = NODES.objectNode().put("name", name).put("type", "tilelayer")
                .put("width", width).put("height", height).put("x", 0).put("y", 0)
                .put("opacity", 1).put("visible", true);
        layer.set("data", data);
        return layer;
    }
}
