package io.skyscope.map;

import static io.skyscope.map.TestMaps.addArea;
import static io.skyscope.map.TestMaps.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TiledMapAreasTest {
    private static TiledMap map;

    /**
     * A 20x10 tile map: a meeting room with a silent booth inside it, a stage with its audience
     * below, and two spawns (a rectangle, then a point). One object uses the pre-1.9 {@code type}.
     */
    @BeforeAll
    static void parse() {
        ObjectNode tmj = TestMaps.tmj(
                "....................",
                "....................",
                "....................",
                "....................",
                "....................",
                "....................",
                "....................",
                "....................",
                "...................S",
                "....................");
        TestMaps.property(addArea(tmj, "meeting-room", "Board Room", 0, 0, 256, 160), "capacity", "int", 6);
        addArea(tmj, "silent-zone", "Booth", 192, 96, 64, 64);
        addArea(tmj, "stage", "Stage", 320, 0, 320, 64).put("class", "").put("type", "stage");
        property(addArea(tmj, "audience", "Seats", 320, 64, 320, 128), "stage", "string", "Stage");
        addArea(tmj, "spawn", "Lobby", 32, 256, 64, 32);
        addArea(tmj, "plant", "Fern", 0, 0, 32, 32);
        // The 'S' point spawn came first in the file, so it is the spawn; move it after the rectangle.
        var objects = (com.fasterxml.jackson.databind.node.ArrayNode) tmj.get("layers").get(2).get("objects");
        objects.add(objects.remove(0));
        map = TestMaps.parse(tmj);
    }

    @Test
    void readsAreasInFileOrderWithTheirKindsRectanglesAndProperties() {
        assertThat(map.areas()).containsExactly(
                new MapArea("Board Room", AreaKind.MEETING_ROOM, 0, 0, 256, 160, Map.of("capacity", 6)),
                new MapArea("Booth", AreaKind.SILENT_ZONE, 192, 96, 64, 64, Map.of()),
                new MapArea("Stage", AreaKind.STAGE, 320, 0, 320, 64, Map.of()),
                new MapArea("Seats", AreaKind.AUDIENCE, 320, 64, 320, 128, Map.of("stage", "Stage")));
        assertThat(map.areas().get(0).capacity()).isEqualTo(OptionalInt.of(6));
        assertThat(map.areas().get(1).capacity()).isEmpty();
        assertThat(map.areas().get(3).stageName()).contains("Stage");
    }

    @Test
    void spawnIsTheCentreOfTheFirstSpawnObject() {
        assertThat(map.spawn()).isEqualTo(new Point(64, 272));
        assertThat(map.spawns()).containsExactly(new Point(64, 272), new Point(624, 272));
    }

    @ParameterizedTest(name = "({0}, {1}) is in {2}")
    @CsvSource(nullValues = "-", textBlock = """
            # x,     y,     area
            10,      10,    Board Room
            255.9,   159.9, Booth
            200,     100,   Booth
            100,     100,   Board Room
            256,     100,   -
            100,     160,   -
            320,     0,     Stage
            639.9,   63.9,  Stage
            400,     64,    Seats
            400,     191.9, Seats
            400,     192,   -
            640,     10,    -
            -1,      -1,    -
            """)
    void areaAtPicksTheInnermostArea(double x, double y, String expected) {
        assertThat(map.areaAt(x, y).map(MapArea::name).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"meeting-room, MEETING_ROOM", "silent-zone, SILENT_ZONE", "stage, STAGE", "audience, AUDIENCE"})
    void areaKindsHaveTheirWireNames(String wireName, AreaKind kind) {
        assertThat(kind.wireName()).isEqualTo(wireName);
        assertThat(AreaKind.fromWireName(wireName)).contains(kind);
    }

    @Test
    void unknownWireNameIsNoKind() {
        assertThat(AreaKind.fromWireName("spawn")).isEmpty();
        assertThat(AreaKind.fromWireName("Meeting-Room")).isEmpty();
    }
}
