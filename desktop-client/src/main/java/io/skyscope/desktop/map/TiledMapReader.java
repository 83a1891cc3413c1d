package io.skyscope.desktop.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Tiled JSON maps SkyScope servers hand out: orthogonal, finite, CSV tile layers (also
 * inside groups), embedded tilesets with one image each, an object group of named areas. The server
 * has already validated the map, so this reader is forgiving: what it does not draw it skips.
 */
public final class TiledMapReader {

    private TiledMapReader() {
    }

    public static OfficeMap read(JsonNode root) {
        int width = root.path("width").asInt();
        int height = root.path("height").asInt();
        int tileSize = root.path("tilewidth").asInt();
        if (width < 1 || height < 1 || tileSize < 1) {
            throw new IllegalArgumentException("the map has no size (width " + width + ", height " + height
                    + ", tile width " + tileSize + ")");
        }
        List<Tileset> tilesets = new ArrayList<>();
        for (JsonNode t : root.path("tilesets")) {
            tilesets.add(tileset(t));
        }
        List<TileLayer> layers = new ArrayList<>();
        List<Area> areas = new ArrayList<>();
        collect(root.path("layers"), width, height, layers, areas);

        BitSet blocked = new BitSet(width * height);
        for (TileLayer layer : layers) {
            for (int ty = 0; ty < height; ty++) {
                for (int tx = 0; tx < width; tx++) {
                    int gid = Tileset.plainGid(layer.gid(tx, ty));
                    if (gid != 0 && collides(tilesets, gid)) {
                        blocked.set(ty * width + tx);
                    }
                }
            }
        }
        return new OfficeMap(width, height, tileSize, layers, tilesets, areas,
                new CollisionGrid(width, height, tileSize, blocked));
    }

    private static boolean collides(List<Tileset> tilesets, int gid) {
        for (Tileset t : tilesets) {
            if (t.owns(gid)) {
                return t.collides(gid);
            }
        }
        return false;
    }

    private static void collect(JsonNode layers, int width, int height, List<TileLayer> tileLayers, List<Area> areas) {
        for (JsonNode layer : layers) {
            if (!layer.path("visible").asBoolean(true)) {
                continue;
            }
            switch (layer.path("type").asText()) {
                case "tilelayer" -> tileLayers.add(tileLayer(layer, width, height));
                case "objectgroup" -> layer.path("objects").forEach(o -> area(o).ifPresent(areas::add));
                case "group" -> collect(layer.path("layers"), width, height, tileLayers, areas);
                default -> { }
            }
        }
    }

    private static TileLayer tileLayer(JsonNode layer, int width, int height) {
        int[] gids = new int[width * height];
        JsonNode data = layer.path("data");
        for (int i = 0; i < gids.length && i < data.size(); i++) {
            // gids with flip flags exceed int range as unsigned; keep the bits
            gids[i] = (int) data.get(i).asLong();
        }
        return new TileLayer(layer.path("name").asText(""), width, height, gids, layer.path("opacity").asDouble(1));
    }

    private static java.util.Optional<Area> area(JsonNode o) {
        String kindName = o.hasNonNull("class") && !o.path("class").asText().isEmpty()
                ? o.path("class").asText() : o.path("type").asText("");
        double w = o.path("width").asDouble();
        double h = o.path("height").asDouble();
        if (w <= 0 || h <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Area(o.path("name").asText(""), AreaKind.fromTiled(kindName),
                o.path("x").asDouble(), o.path("y").asDouble(), w, h));
    }

    private static Tileset tileset(JsonNode t) {
        Set<Integer> colliding = new HashSet<>();
        for (JsonNode tile : t.path("tiles")) {
            for (JsonNode p : tile.path("properties")) {
                if ("collides".equals(p.path("name").asText()) && p.path("value").asBoolean(false)) {
                    colliding.add(tile.path("id").asInt());
                }
            }
        }
        int tileWidth = t.path("tilewidth").asInt();
        int columns = t.path("columns").asInt(Math.max(1, t.path("imagewidth").asInt() / Math.max(1, tileWidth)));
        return new Tileset(t.path("name").asText(""), t.path("firstgid").asInt(1), t.path("tilecount").asInt(),
                Math.max(1, columns), tileWidth, t.path("tileheight").asInt(), t.path("margin").asInt(0),
                t.path("spacing").asInt(0), t.path("image").asText(null), colliding);
    }
}
