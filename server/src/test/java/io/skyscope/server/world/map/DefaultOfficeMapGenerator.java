package io.skyscope.server.world.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the default office map and its tileset: {@code default-office.tmj} (Tiled's JSON format,
 * editable in Tiled) and {@code office-tiles.png}, both drawn in code by {@link DefaultOfficeLayout}
 * and {@link OfficeTilePainter}. The outputs are committed; run this again after changing either.
 *
 * <p>From the repository root:
 * <pre>
 * ./mvnw -q -pl server -am test-compile
 * ./mvnw -q -pl server exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.skyscope.server.world.map.DefaultOfficeMapGenerator \
 *     -Dexec.args="server/src/main/resources/maps /tmp/office-preview.png"
 * </pre>
 *
 * With a second argument it also writes a preview of the whole map with areas outlined; look at it
 * after any change, and do not commit it. The output is the same on every run.
 */
public final class DefaultOfficeMapGenerator {
    static final String MAP_FILE = "default-office.tmj";
    static final String TILESET_FILE = "office-tiles.png";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DefaultOfficeMapGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "server/src/main/resources/maps");
        Files.createDirectories(dir);
        BufferedImage tileset = OfficeTilePainter.paintTileset();
        byte[] tmj = mapJson(DefaultOfficeLayout.plan(), tileset);
        // Refuse to write a map the server would reject.
        TiledMap parsed = TiledMapParser.parse(tmj);
        ImageIO.write(tileset, "png", dir.resolve(TILESET_FILE).toFile());
        Files.write(dir.resolve(MAP_FILE), tmj);
        System.out.println("wrote " + dir.resolve(MAP_FILE) + " (" + tmj.length + " bytes, " + parsed.areas().size()
                + " areas) and " + dir.resolve(TILESET_FILE));
        if (args.length > 1) {
            ImageIO.write(MapPreview.render(tmj, tileset, true, false), "png", Path.of(args[1]).toFile());
            System.out.println("wrote preview " + args[1]);
        }
    }

    static byte[] mapJson(OfficePlan plan, BufferedImage tileset) throws IOException {
        int size = OfficeTile.SIZE;
        ObjectNode map = NODES.objectNode()
                .put("compressionlevel", -1).put("height", plan.height).put("infinite", false);
        ArrayNode layers = map.putArray("layers");
        // Tile data is spliced in afterwards as one text line per map row: readable and diff-friendly.
        Map<String, int[]> data = Map.of("floor", plan.floorGids(), "furniture", plan.furnitureGids(),
                "walls", plan.wallGids());
        int id = 1;
        for (String name : new String[] {"floor", "furniture", "walls"}) {
            layers.addObject().put("data", "@" + name + "@").put("height", plan.height).put("id", id++)
                    .put("name", name).put("opacity", 1).put("type", "tilelayer").put("visible", true)
                    .put("width", plan.width).put("x", 0).put("y", 0);
        }
        ObjectNode areas = layers.addObject().put("draworder", "topdown").put("id", id++).put("name", "areas");
        ArrayNode objects = areas.putArray("objects");
        int objectId = 1;
        for (OfficePlan.PlanObject o : plan.objects()) {
            ObjectNode object = objects.addObject().put("height", (o.y1() - o.y0() + 1) * size)
                    .put("id", objectId++).put("name", o.name());
            if (!o.properties().isEmpty()) {
                ArrayNode properties = object.putArray("properties");
                o.properties().forEach((key, value) -> properties.addObject().put("name", key)
                        .put("type", value instanceof Integer ? "int" : "string")
                        .set("value", Json.strict().valueToTree(value)));
            }
            object.put("rotation", 0).put("type", o.type()).put("visible", true)
                    .put("width", (o.x1() - o.x0() + 1) * size).put("x", o.x0() * size).put("y", o.y0() * size);
        }
        areas.put("opacity", 1).put("type", "objectgroup").put("visible", true).put("x", 0).put("y", 0);
        map.put("nextlayerid", id).put("nextobjectid", objectId).put("orientation", "orthogonal")
                .put("renderorder", "right-down").put("tiledversion", "1.10.2").put("tileheight", size);
        map.putArray("tilesets").add(tileset(tileset));
        map.put("tilewidth", size).put("type", "map").put("version", "1.10").put("width", plan.width);

        String text = Json.strict().writerWithDefaultPrettyPrinter().writeValueAsString(map);
        for (Map.Entry<String, int[]> layer : data.entrySet()) {
            text = text.replace("\"@" + layer.getKey() + "@\"", rows(layer.getValue(), plan.width));
        }
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode tileset(BufferedImage image) {
        OfficeTile[] tiles = OfficeTile.values();
        ObjectNode tileset = NODES.objectNode().put("columns", OfficeTile.COLUMNS).put("firstgid", 1)
                .put("image", TILESET_FILE).put("imageheight", image.getHeight()).put("imagewidth", image.getWidth())
                .put("margin", 0).put("name", "office").put("spacing", 0).put("tilecount", tiles.length)
                .put("tileheight", OfficeTile.SIZE);
        ArrayNode entries = tileset.putArray("tiles");
        for (OfficeTile tile : tiles) {
            ObjectNode entry = entries.addObject().put("id", tile.ordinal());
            ArrayNode properties = entry.putArray("properties");
            if (tile.collides()) {
                properties.addObject().put("name", "collides").put("type", "bool").put("value", true);
            }
            properties.addObject().put("name", "name").put("type", "string").put("value", tile.name().toLowerCase(java.util.Locale.ROOT));
        }
        return tileset.put("tilewidth", OfficeTile.SIZE);
    }

    private static String rows(int[] gids, int width) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < gids.length; i++) {
            if (i > 0) {
                out.append(i % width == 0 ? ",\n            " : ",");
            }
            out.append(gids[i]);
        }
        return out.append(']').toString();
    }
}
