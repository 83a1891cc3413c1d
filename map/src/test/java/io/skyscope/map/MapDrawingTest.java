package io.skyscope.map;

import static io.skyscope.map.TestMaps.addArea;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What {@link TiledMapParser#parseDrawing} keeps besides the {@link TiledMap}, and that it checks alike. */
class MapDrawingTest {
    private static final String[] ROWS = {
            "#####",
            "#S..#",
            "#####"};

    @Test
    void keepsTilesetsAndTileLayersWithTheirFlipFlags() {
        ObjectNode tmj = TestMaps.tmj(ROWS);
        ((ArrayNode) tmj.get("layers").get(1).get("data")).set(7, 0x80000000L | TestMaps.WALL_GID);
        MapDrawing drawing = TiledMapParser.parseDrawing(TestMaps.bytes(tmj));

        assertThat(drawing.layers()).extracting(TileLayer::name).containsExactly("floor", "walls");
        TileLayer walls = drawing.layers().get(1);
        assertThat(walls.gid(0, 0)).isEqualTo(TestMaps.WALL_GID);
        assertThat(walls.gid(2, 1)).isEqualTo(0x80000000 | TestMaps.WALL_GID);
        assertThat(Tileset.plainGid(walls.gid(2, 1))).isEqualTo(TestMaps.WALL_GID);
        assertThat(drawing.map().collision().blocked(2, 1)).as("a flipped wall still blocks").isTrue();

        Tileset tileset = drawing.tilesets().getFirst();
        assertThat(tileset.image()).isEqualTo("test.png");
        assertThat(tileset.sourceX(TestMaps.WALL_GID)).isEqualTo(TestMaps.TILE);
        assertThat(tileset.sourceY(3)).isEqualTo(TestMaps.TILE);
        assertThat(tileset.collides(TestMaps.WALL_GID)).isTrue();
    }

    @Test
    void aHiddenGroupHidesItsLayersButNotTheirWalls() {
        ObjectNode tmj = TestMaps.tmj(ROWS);
        ArrayNode layers = (ArrayNode) tmj.get("layers");
        ObjectNode walls = (ObjectNode) layers.remove(1);
        layers.addObject().put("name", "building").put("type", "group").put("visible", false)
                .putArray("layers").add(walls);
        MapDrawing drawing = TiledMapParser.parseDrawing(TestMaps.bytes(tmj));

        assertThat(drawing.layers()).extracting(TileLayer::name, TileLayer::visible)
                .containsExactly(tuple("floor", true),
                        tuple("walls", false));
        assertThat(drawing.map().collision().blocked(0, 0)).isTrue();
    }

    @Test
    void keepsEveryLabelledRectangleWhileTheRulesSeeOnlyAreas() {
        ObjectNode tmj = TestMaps.tmj(ROWS);
        addArea(tmj, "room", "Kitchen", 0, 0, 160, 96);
        addArea(tmj, "meeting-room", "Boardroom", 32, 32, 64, 32);
        addArea(tmj, "spawn", "", 96, 32, 32, 32);
        addArea(tmj, "decoration", "", 0, 0, 0, 0);
        MapDrawing drawing = TiledMapParser.parseDrawing(TestMaps.bytes(tmj));

        assertThat(drawing.regions()).containsExactly(
                new MapRegion("Kitchen", "room", 0, 0, 160, 96),
                new MapRegion("Boardroom", "meeting-room", 32, 32, 64, 32),
                new MapRegion("", MapRegion.SPAWN, 96, 32, 32, 32));
        assertThat(drawing.map().areas()).extracting(MapArea::name).containsExactly("Boardroom");
        assertThat(TiledMapParser.parse(TestMaps.bytes(tmj)).areas()).isEqualTo(drawing.map().areas());
    }

    @Test
    void refusesWhatTheServerRefuses() {
        ObjectNode tmj = TestMaps.tmj(ROWS);
        addArea(tmj, "meeting-room", "", 32, 32, 64, 32);
        assertThatThrownBy(() -> TiledMapParser.parseDrawing(TestMaps.bytes(tmj)))
                .isInstanceOf(MapValidationException.class).hasMessageContaining("needs a name");
    }
}
