package io.skyscope.map;

import static io.skyscope.map.TestMaps.addArea;
import static io.skyscope.map.TestMaps.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TiledMapParserTest {
    private static final String[] ROWS = {
            "##########",
            "#S.......#",
            "#........#",
            "#........#",
            "##########"};

    private static ObjectNode base() {
        return TestMaps.tmj(ROWS);
    }

    private static ObjectNode layer(ObjectNode map, int index) {
        return (ObjectNode) map.get("layers").get(index);
    }

    private static ObjectNode tileset(ObjectNode map) {
        return (ObjectNode) map.get("tilesets").get(0);
    }

    private static ArrayNode objects(ObjectNode map) {
        return (ArrayNode) layer(map, 2).get("objects");
    }

    static Stream<Arguments> brokenMaps() {
        return Stream.of(
                broken("map orientation is 'isometric', only 'orthogonal' is supported",
                        m -> m.put("orientation", "isometric")),
                broken("infinite maps are not supported: give the map a fixed size", m -> m.put("infinite", true)),
                broken("map: 'width' is 0, must be between 1 and 512", m -> m.put("width", 0)),
                broken("map: 'height' is 513, must be between 1 and 512", m -> m.put("height", 513)),
                broken("map: 'width' must be an integer, got 10.5", m -> m.put("width", 10.5)),
                broken("map: 'tilewidth' is 4, must be between 8 and 128", m -> m.put("tilewidth", 4)),
                broken("map: 'tileheight' is 256, must be between 8 and 128", m -> m.put("tileheight", 256)),
                broken("map tiles must be square, got tilewidth 32 and tileheight 16", m -> m.put("tileheight", 16)),
                broken("map: 'layers' is missing", m -> m.remove("layers")),
                broken("map has no tile layer", m -> {
                    ((ArrayNode) m.get("layers")).remove(1);
                    ((ArrayNode) m.get("layers")).remove(0);
                }),
                broken("layer 'floor': data has 100 tiles, expected 50 (width 10 x height 5)",
                        m -> {
                            ArrayNode data = layer(m, 0).putArray("data");
                            for (int i = 0; i < 100; i++) {
                                data.add(1);
                            }
                        }),
                broken("layer 'floor': tile data is base64-encoded; save the map with tile layer format CSV",
                        m -> layer(m, 0).put("encoding", "base64").put("data", "AQAAAAEAAAA=")),
                broken("layer 'floor': tile data is base64-encoded and zlib-compressed; save the map with tile layer"
                        + " format CSV", m -> layer(m, 0).put("encoding", "base64").put("compression", "zlib")),
                broken("layer 'walls': width is 9, the map's is 10", m -> layer(m, 1).put("width", 9)),
                broken("layer 'floor': tile at (3, 0) has gid 5, which no tileset covers",
                        m -> ((ArrayNode) layer(m, 0).get("data")).set(3, 5)),
                broken("layer 'floor': tile at (0, 1) has gid -1, expected an unsigned 32-bit integer",
                        m -> ((ArrayNode) layer(m, 0).get("data")).set(10, -1)),
                broken("layer 'floor': tile at (0, 0) has gid \"1\", expected an unsigned 32-bit integer",
                        m -> ((ArrayNode) layer(m, 0).get("data")).set(0, "1")),
                broken("layer 'floor': layer offsets are not supported", m -> layer(m, 0).put("offsetx", 16)),
                broken("layer 'sky': unknown layer type 'skybox'",
                        m -> ((ArrayNode) m.get("layers")).addObject().put("name", "sky").put("type", "skybox")),
                broken("map has no tileset", m -> m.putArray("tilesets")),
                broken("tileset #1: external tileset 'office.tsx' is not supported; embed the tileset in the map"
                        + " (Tiled: 'Embed Tileset')", m -> {
                            m.putArray("tilesets").addObject().put("firstgid", 1).put("source", "office.tsx");
                        }),
                broken("tileset 'test': image '../secret.png' must be a plain file name (no folders, no '..') ending"
                        + " in .png", m -> tileset(m).put("image", "../secret.png")),
                broken("tileset 'test': image 'tiles/office.png' must be a plain file name (no folders, no '..')"
                        + " ending in .png", m -> tileset(m).put("image", "tiles/office.png")),
                broken("tileset 'test': image 'C:\\office.png' must be a plain file name (no folders, no '..')"
                        + " ending in .png", m -> tileset(m).put("image", "C:\\office.png")),
                broken("tileset 'test': image 'office.gif' must be a plain file name (no folders, no '..') ending"
                        + " in .png", m -> tileset(m).put("image", "office.gif")),
                broken("tileset 'test': 'columns' is missing", m -> tileset(m).remove("columns")),
                broken("tileset 'test': 'image' is missing", m -> tileset(m).remove("image")),
                broken("tileset 'test': 'imageheight' is missing", m -> tileset(m).remove("imageheight")),
                broken("tileset 'test': 'firstgid' is 0, must be between 1 and 268435455",
                        m -> tileset(m).put("firstgid", 0)),
                broken("tileset 'test': 8 tiles in 2 columns need an image of at least 64x128 px, but imagewidth x"
                        + " imageheight is 64x64", m -> tileset(m).put("tilecount", 8)),
                broken("tileset 'test': 'tilewidth' is 16, must match the map's tile size 32",
                        m -> tileset(m).put("tilewidth", 16)),
                broken("tileset 'test': tile 1: property 'collides' must have type bool", m -> {
                    ObjectNode tile = (ObjectNode) tileset(m).get("tiles").get(0);
                    tile.remove("properties");
                    property(tile, "collides", "string", "true");
                }),
                broken("tilesets 'test' and 'more' overlap: both claim gid 4", m -> ((ArrayNode) m.get("tilesets"))
                        .addObject().put("firstgid", 4).put("name", "more").put("image", "more.png")
                        .put("columns", 1).put("tilecount", 1).put("imagewidth", 32).put("imageheight", 32)),
                broken("layer 'areas': meeting-room object 101: needs a name",
                        m -> addArea(m, "meeting-room", "", 32, 32, 64, 64)),
                broken("layer 'areas': silent-zone object 102 'Quiet': the name 'Quiet' is used by another area", m -> {
                    addArea(m, "meeting-room", "Quiet", 32, 32, 64, 64);
                    addArea(m, "silent-zone", "Quiet", 96, 32, 64, 64);
                }),
                broken("layer 'areas': meeting-room object 101 'Room': must be a rectangle, not a polygon",
                        m -> addArea(m, "meeting-room", "Room", 32, 32, 0, 0).putArray("polygon").addObject()
                                .put("x", 0).put("y", 0)),
                broken("layer 'areas': stage object 101 'Stage': must be a rectangle, not an ellipse",
                        m -> addArea(m, "stage", "Stage", 32, 32, 64, 64).put("ellipse", true)),
                broken("layer 'areas': spawn object 101: must be a rectangle or a point, not an ellipse",
                        m -> addArea(m, "spawn", "", 32, 32, 64, 64).put("ellipse", true)),
                broken("layer 'areas': meeting-room object 101 'Room': must not be rotated",
                        m -> addArea(m, "meeting-room", "Room", 32, 32, 64, 64).put("rotation", 90)),
                broken("layer 'areas': meeting-room object 101 'Room': needs a positive width and height, got 0 x 64",
                        m -> addArea(m, "meeting-room", "Room", 32, 32, 0, 64)),
                broken("layer 'areas': meeting-room object 101 'Room': rectangle (300, 32, 64 x 64) is not inside the"
                        + " map (320 x 160 px)", m -> addArea(m, "meeting-room", "Room", 300, 32, 64, 64)),
                broken("layer 'areas': silent-zone object 101 'Quiet': rectangle (-0.5, 0, 64 x 64) is not inside the"
                        + " map (320 x 160 px)", m -> addArea(m, "silent-zone", "Quiet", -0.5, 0, 64, 64)),
                broken("layer 'areas': meeting-room object 101 'Room': property 'capacity' must be an int between 1"
                        + " and 10000, got six",
                        m -> property(addArea(m, "meeting-room", "Room", 32, 32, 64, 64), "capacity", "string", "six")),
                broken("layer 'areas': meeting-room object 101 'Room': property 'capacity' must be an int between 1"
                        + " and 10000, got 0",
                        m -> property(addArea(m, "meeting-room", "Room", 32, 32, 64, 64), "capacity", "int", 0)),
                broken("layer 'areas': meeting-room object 101 'Room': property 'capacity': type int needs an integer"
                        + " value, got 2.5",
                        m -> property(addArea(m, "meeting-room", "Room", 32, 32, 64, 64), "capacity", "int", 2.5)),
                broken("layer 'areas': audience object 101 'Seats': needs a string property 'stage' naming the stage"
                        + " it listens to", m -> addArea(m, "audience", "Seats", 32, 32, 64, 64)),
                broken("audience 'Seats': property 'stage' names 'Main', but there is no stage area with that name",
                        m -> property(addArea(m, "audience", "Seats", 32, 32, 64, 64), "stage", "string", "Main")),
                broken("map has no spawn point: add an object of class 'spawn' to an object layer",
                        m -> objects(m).removeAll()),
                broken("spawn point (16, 16) is on a blocked tile", m -> {
                    objects(m).removeAll();
                    addArea(m, "spawn", "", 0, 0, 32, 32);
                }),
                broken("spawn point (304, 80) is on a blocked tile", m -> addArea(m, "spawn", "", 288, 64, 32, 32)),
                broken("file has type 'tileset', expected a map", m -> m.put("type", "tileset")));
    }

    private static Arguments broken(String message, Consumer<ObjectNode> breakIt) {
        return arguments(message, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMaps")
    void rejectsBrokenMapWithAMessageThatSaysWhatIsWrong(String message, Consumer<ObjectNode> breakIt) {
        ObjectNode map = base();
        breakIt.accept(map);
        assertThatThrownBy(() -> TestMaps.parse(map)).isInstanceOf(MapValidationException.class).hasMessage(message);
    }

    static Stream<Arguments> unreadableFiles() {
        return Stream.of(
                arguments("{\"orientation\": ", "map file is not valid JSON"),
                arguments("{\"width\": 1, \"width\": 2}", "map file is not valid JSON: Duplicate field 'width'"),
                arguments("[1, 2]", "map file: must be a JSON object, got array"),
                arguments("{} {}", "map file is not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableFiles")
    void rejectsFilesThatAreNotAMapObject(String text, String messageStart) {
        assertThatThrownBy(() -> TiledMapParser.parse(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MapValidationException.class).hasMessageStartingWith(messageStart);
    }

    @Test
    void rejectsFilesOverTheSizeLimit() {
        byte[] bytes = TestMaps.bytes(base());
        assertThatThrownBy(() -> TiledMapParser.parse(bytes, 100)).isInstanceOf(MapValidationException.class)
                .hasMessage("map file is " + bytes.length + " bytes, the limit is 100");
        assertThat(TiledMapParser.MAX_BYTES).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void readsSizeTilesetImagesAndCollisionFromAnyTileLayer() {
        TiledMap map = TestMaps.parse(base());
        assertThat(map.widthTiles()).isEqualTo(10);
        assertThat(map.heightTiles()).isEqualTo(5);
        assertThat(map.tileSize()).isEqualTo(32);
        assertThat(map.pixelWidth()).isEqualTo(320);
        assertThat(map.pixelHeight()).isEqualTo(160);
        assertThat(map.imageNames()).containsExactly("test.png");
        assertThat(map.collision().blocked(0, 0)).isTrue();
        assertThat(map.collision().blocked(1, 1)).isFalse();
        assertThat(map.collision().blocked(9, 4)).isTrue();
        assertThat(map.spawn()).isEqualTo(new Point(48, 48));
    }

    @Test
    void masksTiledFlipFlagsOffGidsAndKeepsTheTilesCollision() {
        ObjectNode map = base();
        ArrayNode walls = (ArrayNode) layer(map, 1).get("data");
        walls.set(12, 0x80000000L | 0x40000000L | TestMaps.WALL_GID);
        walls.set(13, 0x20000000L | 0x10000000L | TestMaps.FLOOR_GID);
        TiledMap parsed = TestMaps.parse(map);
        assertThat(parsed.collision().blocked(2, 1)).isTrue();
        assertThat(parsed.collision().blocked(3, 1)).isFalse();
    }

    @Test
    void readsTileLayersInsideGroups() {
        ObjectNode map = base();
        ArrayNode layers = (ArrayNode) map.get("layers");
        ObjectNode walls = (ObjectNode) layers.remove(1);
        layers.addObject().put("name", "building").put("type", "group").putArray("layers").add(walls);
        assertThat(TestMaps.parse(map).collision().blocked(0, 0)).isTrue();
    }

    @Test
    void ignoresObjectsOfOtherClassesWhateverTheirShape() {
        ObjectNode map = base();
        addArea(map, "decoration", "", 0, 0, 0, 0).putArray("polygon");
        objects(map).addObject().put("id", 7).put("name", "label").put("x", 5).put("y", 5).put("text", "hi");
        assertThat(TestMaps.parse(map).areas()).isEmpty();
    }

    @Test
    void returnsTheOriginalBytesAsADefensiveCopy() {
        byte[] bytes = TestMaps.bytes(base());
        TiledMap map = TiledMapParser.parse(bytes);
        byte[] copy = map.json();
        copy[0] = 'x';
        assertThat(map.json()).isEqualTo(bytes);
    }
}
