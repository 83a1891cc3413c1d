package io.skyscope.map;

import static io.skyscope.map.TestMaps.TILE;
import static io.skyscope.map.TestMaps.addArea;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Desks in a map's object layer: where each one's seat is, and which desks make a map invalid. */
class MapDesksTest {
    /** Row 2 holds three blocked desk tiles (x 3-5) with floor all round; x 8 is a wall with floor west and east. */
    private static final String[] ROWS = {
            "###########",
            "#S......#.#",
            "#..###..#.#",
            "#.......#.#",
            "###########"};

    private static ObjectNode base() {
        return TestMaps.tmj(ROWS);
    }

    private static ObjectNode desk(ObjectNode map, String name, double x, double y, double w, double h) {
        return addArea(map, "desk", name, x, y, w, h);
    }

    /** name, desk rectangle in tiles (x, y, w, h; w = h = 0 for a point at the tile's centre), seat tile (x, y). */
    static Stream<Arguments> seats() {
        return Stream.of(
                arguments("a blocked desk tile sits on the floor to its north", 4, 2, 1, 1, 4, 1),
                arguments("a desk of three blocked tiles sits north of its middle", 3, 2, 3, 1, 4, 1),
                arguments("a desk on the floor sits on itself", 6, 3, 1, 1, 6, 3),
                arguments("a point on the floor sits where it is", 2, 3, 0, 0, 2, 3),
                arguments("a blocked tile walled to north and south sits west", 8, 2, 1, 1, 7, 2),
                arguments("the end desk of a row prefers north to the aisle at its side", 3, 2, 1, 1, 3, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seats")
    void eachDeskHasTheSeatTheRulesSay(String name, int x, int y, int w, int h, int seatX, int seatY) {
        ObjectNode map = base();
        if (w == 0) {
            desk(map, "D", x * TILE + TILE / 2.0, y * TILE + TILE / 2.0, 0, 0).put("point", true);
        } else {
            desk(map, "D", x * TILE, y * TILE, w * TILE, h * TILE);
        }
        MapDesk d = TestMaps.parse(map).desk("D").orElseThrow();
        assertThat(d.seat()).isEqualTo(new Point(seatX * TILE + TILE / 2.0, seatY * TILE + TILE / 2.0));
        assertThat(TestMaps.parse(map).collision().walkable(d.seat().x(), d.seat().y())).isTrue();
    }

    @Test
    void desksKeepFileOrderAndAreNeitherAreasNorFloorPlanLabels() {
        ObjectNode map = base();
        desk(map, "Window", 3 * TILE, 2 * TILE, TILE, TILE);
        desk(map, "Aisle", 6 * TILE, 3 * TILE, TILE, TILE);
        MapDrawing drawing = TiledMapParser.parseDrawing(TestMaps.bytes(map));
        assertThat(drawing.map().desks()).extracting(MapDesk::name).containsExactly("Window", "Aisle");
        assertThat(drawing.map().areas()).isEmpty();
        assertThat(drawing.regions()).extracting(MapRegion::tiledClass).doesNotContain("desk");
        assertThat(TestMaps.parse(base()).desks()).isEmpty();
    }

    @Test
    void aDeskMayShareItsNameWithAnArea() {
        ObjectNode map = base();
        addArea(map, "meeting-room", "Corner", 6 * TILE, TILE, 3 * TILE, 2 * TILE);
        desk(map, "Corner", 6 * TILE, 3 * TILE, TILE, TILE);
        assertThat(TestMaps.parse(map).desks()).hasSize(1);
    }

    static Stream<Arguments> brokenDesks() {
        return Stream.of(
                broken("needs a name", m -> desk(m, " ", 4 * TILE, 2 * TILE, TILE, TILE)),
                broken("the name 'A' is used by another desk", m -> {
                    desk(m, "A", 4 * TILE, 2 * TILE, TILE, TILE);
                    desk(m, "A", 6 * TILE, 3 * TILE, TILE, TILE);
                }),
                broken("name is 65 characters; at most 64 are allowed",
                        m -> desk(m, "x".repeat(65), 4 * TILE, 2 * TILE, TILE, TILE)),
                broken("has nowhere to sit: its centre is blocked and no walkable tile touches it",
                        m -> desk(m, "Buried", 0, 0, TILE, TILE)),
                broken("is not inside the map", m -> desk(m, "Out", 10 * TILE, 4 * TILE, 2 * TILE, TILE)),
                broken("must be a rectangle or a point, not an ellipse",
                        m -> desk(m, "Round", 4 * TILE, 2 * TILE, TILE, TILE).put("ellipse", true)),
                broken("must not be rotated",
                        m -> desk(m, "Tilted", 4 * TILE, 2 * TILE, TILE, TILE).put("rotation", 45)),
                broken("map marks 2001 desks; at most 2000 are allowed", m -> {
                    for (int i = 0; i <= 2000; i++) {
                        desk(m, "d" + i, 6 * TILE, 3 * TILE, TILE, TILE);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDesks")
    void aBrokenDeskMakesTheMapInvalidNamingWhatIsWrong(String message, Consumer<ObjectNode> breakIt) {
        ObjectNode map = base();
        breakIt.accept(map);
        assertThatThrownBy(() -> TestMaps.parse(map)).isInstanceOf(MapValidationException.class).hasMessageContaining(message);
    }

    private static Arguments broken(String message, Consumer<ObjectNode> breakIt) {
        return arguments(message, breakIt);
    }
}
