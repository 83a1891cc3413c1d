package io.skyscope.map;

import static io.skyscope.map.JsonFields.describe;
import static io.skyscope.map.JsonFields.invalid;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a map in Tiled's JSON format (.tmj): the one parser, used by the server to
 * accept uploads and judge moves, and by the desktop client to draw the map and predict those
 * judgements. Everything a client or the movement rules rely on is checked here, once, so both can
 * trust a {@link TiledMap}: an orthogonal finite map of 1..512 tiles a side with square 8..128 px
 * tiles; CSV tile layers whose every gid belongs to an embedded tileset with a plain .png image;
 * areas that are named, unrotated rectangles inside the map; and at least one spawn point on a
 * walkable tile.
 *
 * <p>A tile is blocked when, in any tile layer, its tile has the bool property {@code collides}
 * set in its tileset. Stateless and thread-safe.
 */
public final class TiledMapParser {
    /** Largest map file accepted by {@link #parse(byte[])}: 4 MiB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    public static final int MAX_TILES_PER_SIDE = 512;
    public static final int MIN_TILE_SIZE = 8;
    public static final int MAX_TILE_SIZE = 128;
    private static final long FLIP_FLAGS = Integer.toUnsignedLong(Tileset.FLIP_MASK);
    private static final int MAX_GROUP_DEPTH = 16;

    private TiledMapParser() {
    }

    /** Parses a map file of at most {@link #MAX_BYTES}; throws {@link MapValidationException} if unusable. */
    public static TiledMap parse(byte[] tmjJson) {
        return parse(tmjJson, MAX_BYTES);
    }

    /** Parses a map file of at most {@code maxBytes}; throws {@link MapValidationException} if unusable. */
    public static TiledMap parse(byte[] tmjJson, int maxBytes) {
        return read(tmjJson, maxBytes, false).map();
    }

    /**
     * Parses a map file of at most {@link #MAX_BYTES} with exactly the checks of {@link #parse(byte[])},
     * and keeps what drawing it takes as well: tilesets, tile layers and labelled rectangles.
     */
    public static MapDrawing parseDrawing(byte[] tmjJson) {
        return read(tmjJson, MAX_BYTES, true);
    }

    private static MapDrawing read(byte[] tmjJson, int maxBytes, boolean forDrawing) {
        if (tmjJson.length > maxBytes) {
            throw new MapValidationException("map file is " + tmjJson.length + " bytes, the limit is " + maxBytes);
        }
        JsonNode root;
        try {
            root = Json.strict().readTree(tmjJson);
        } catch (JacksonException e) {
            throw new MapValidationException("map file is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MapValidationException("map file could not be read: " + e.getMessage(), e);
        }
        JsonFields.requireObject(root, "map file");
        String type = JsonFields.optionalString(root, "type", "map");
        if (!type.isEmpty() && !type.equals("map")) {
            throw new MapValidationException("file has type '" + type + "', expected a map");
        }
        String orientation = JsonFields.requireString(root, "orientation", "map");
        if (!orientation.equals("orthogonal")) {
            throw new MapValidationException("map orientation is '" + orientation + "', only 'orthogonal' is supported");
        }
        if (JsonFields.optionalBoolean(root, "infinite", "map")) {
            throw new MapValidationException("infinite maps are not supported: give the map a fixed size");
        }
        int width = JsonFields.requireIntIn(root, "width", 1, MAX_TILES_PER_SIDE, "map");
        int height = JsonFields.requireIntIn(root, "height", 1, MAX_TILES_PER_SIDE, "map");
        int tileWidth = JsonFields.requireIntIn(root, "tilewidth", MIN_TILE_SIZE, MAX_TILE_SIZE, "map");
        int tileHeight = JsonFields.requireIntIn(root, "tileheight", MIN_TILE_SIZE, MAX_TILE_SIZE, "map");
        if (tileWidth != tileHeight) {
            throw new MapValidationException("map tiles must be square, got tilewidth " + tileWidth
                    + " and tileheight " + tileHeight);
        }

        List<Tileset> tilesets = readTilesets(root, tileWidth);
        List<MapObjects.Layer> tileLayers = new ArrayList<>();
        List<MapObjects.Layer> objectLayers = new ArrayList<>();
        collectLayers(JsonFields.requireArray(root, "layers", "map"), "", 0, true, tileLayers, objectLayers);
        if (tileLayers.isEmpty()) {
            throw new MapValidationException("map has no tile layer");
        }
        BitSet blocked = new BitSet(width * height);
        List<TileLayer> drawn = new ArrayList<>();
        for (MapObjects.Layer layer : tileLayers) {
            int[] gids = forDrawing ? new int[width * height] : null;
            readTileLayer(layer, width, height, tilesets, blocked, gids);
            if (forDrawing) {
                drawn.add(drawable(layer, width, height, gids));
            }
        }
        CollisionGrid collision = new CollisionGrid(width, height, tileWidth, blocked);

        MapObjects.Result objects = MapObjects.read(objectLayers, width * tileWidth, height * tileWidth);
        for (Point spawn : objects.spawns()) {
            if (!collision.walkable(spawn.x(), spawn.y())) {
                throw new MapValidationException("spawn point (" + MapObjects.fmt(spawn.x()) + ", "
                        + MapObjects.fmt(spawn.y()) + ") is on a blocked tile");
            }
        }
        Set<String> images = new LinkedHashSet<>();
        tilesets.forEach(t -> images.add(t.image()));
        List<MapDesk> desks = MapDesks.seat(objects.desks(), collision);
        TiledMap map = new TiledMap(width, height, tileWidth, collision, objects.areas(), objects.spawns(), desks,
                images, tmjJson);
        return forDrawing ? new MapDrawing(map, tilesets, drawn, objects.regions())
                : new MapDrawing(map, List.of(), List.of(), List.of());
    }

    /** Opacity and visibility only matter to drawing; read leniently, they can make no map invalid. */
    private static TileLayer drawable(MapObjects.Layer layer, int width, int height, int[] gids) {
        JsonNode node = layer.node();
        double opacity = node.path("opacity").isNumber() ? node.path("opacity").doubleValue() : 1;
        return new TileLayer(node.path("name").asText(""), width, height, gids, opacity, layer.visible());
    }

    private static List<Tileset> readTilesets(JsonNode root, int tileSize) {
        JsonNode array = JsonFields.requireArray(root, "tilesets", "map");
        List<Tileset> tilesets = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            tilesets.add(Tileset.parse(array.get(i), i, tileSize));
        }
        if (tilesets.isEmpty()) {
            throw new MapValidationException("map has no tileset");
        }
        tilesets.sort(Comparator.comparingInt(Tileset::firstGid));
        for (int i = 1; i < tilesets.size(); i++) {
            Tileset before = tilesets.get(i - 1);
            Tileset after = tilesets.get(i);
            if (before.owns(after.firstGid())) {
                throw new MapValidationException("tilesets '" + before.name() + "' and '" + after.name()
                        + "' overlap: both claim gid " + after.firstGid());
            }
        }
        return List.copyOf(tilesets);
    }

    private static void collectLayers(JsonNode layers, String prefix, int depth, boolean visible,
                                      List<MapObjects.Layer> tileLayers, List<MapObjects.Layer> objectLayers) {
        for (JsonNode layer : layers) {
            JsonFields.requireObject(layer, "layer");
            String context = "layer '" + prefix + JsonFields.optionalString(layer, "name", "layer") + "'";
            String type = JsonFields.requireString(layer, "type", context);
            if (JsonFields.optionalFinite(layer, "offsetx", 0, context) != 0
                    || JsonFields.optionalFinite(layer, "offsety", 0, context) != 0) {
                throw invalid(context, "layer offsets are not supported");
            }
            boolean shown = visible && layer.path("visible").asBoolean(true);
            switch (type) {
                case "tilelayer" -> tileLayers.add(new MapObjects.Layer(context, layer, shown));
                case "objectgroup" -> objectLayers.add(new MapObjects.Layer(context, layer, shown));
                case "imagelayer" -> { }
                case "group" -> {
                    if (depth >= MAX_GROUP_DEPTH) {
                        throw invalid(context, "groups are nested more than " + MAX_GROUP_DEPTH + " deep");
                    }
                    collectLayers(JsonFields.requireArray(layer, "layers", context),
                            prefix + layer.path("name").asText() + "/", depth + 1, shown, tileLayers, objectLayers);
                }
                default -> throw invalid(context, "unknown layer type '" + type + "'");
            }
        }
    }

    /** Marks the layer's colliding tiles in {@code blocked}; copies its gids into {@code gids} unless null. */
    private static void readTileLayer(MapObjects.Layer layer, int width, int height, List<Tileset> tilesets,
                                      BitSet blocked, int[] gids) {
        JsonNode node = layer.node();
        String context = layer.context();
        String encoding = JsonFields.optionalString(node, "encoding", context);
        String compression = JsonFields.optionalString(node, "compression", context);
        JsonNode data = JsonFields.require(node, "data", context);
        if (!(encoding.isEmpty() || encoding.equals("csv")) || !compression.isEmpty() || data.isTextual()) {
            throw invalid(context, "tile data is " + (encoding.isEmpty() ? "a string" : encoding + "-encoded")
                    + (compression.isEmpty() ? "" : " and " + compression + "-compressed")
                    + "; save the map with tile layer format CSV");
        }
        for (String side : new String[] {"width", "height"}) {
            int expected = side.equals("width") ? width : height;
            if (node.has(side) && JsonFields.requireInt(node, side, context) != expected) {
                throw invalid(context, side + " is " + node.get(side).intValue() + ", the map's is " + expected);
            }
        }
        if (!data.isArray() || data.size() != width * height) {
            throw invalid(context, "data has " + (data.isArray() ? data.size() + " tiles" : describe(data))
                    + ", expected " + width * height + " (width " + width + " x height " + height + ")");
        }
        Tileset last = tilesets.getFirst();
        for (int i = 0; i < data.size(); i++) {
            JsonNode value = data.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                    || value.longValue() > 0xFFFFFFFFL) {
                throw invalid(context, "tile at (" + i % width + ", " + i / width + ") has gid " + describe(value)
                        + ", expected an unsigned 32-bit integer");
            }
            if (gids != null) {
                gids[i] = (int) value.longValue();
            }
            long gid = value.longValue() & ~FLIP_FLAGS;
            if (gid == 0) {
                continue;
            }
            if (!last.owns(gid)) {
                last = find(tilesets, gid);
                if (last == null) {
                    throw invalid(context, "tile at (" + i % width + ", " + i / width + ") has gid " + gid
                            + ", which no tileset covers");
                }
            }
            if (last.collides(gid)) {
                blocked.set(i);
            }
        }
    }

    private static Tileset find(List<Tileset> tilesets, long gid) {
        for (Tileset tileset : tilesets) {
            if (tileset.owns(gid)) {
                return tileset;
            }
        }
        return null;
    }
}
