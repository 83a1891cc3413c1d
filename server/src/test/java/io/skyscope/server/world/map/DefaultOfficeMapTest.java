package io.skyscope.server.world.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.map.AreaKind;
import io.skyscope.map.MapDesk;
import io.skyscope.map.MapArea;
import io.skyscope.map.Point;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The map every new SkyScope space starts with: valid, complete, and walkable end to end. */
class DefaultOfficeMapTest {
    private static JsonNode root;
    private static TiledMap map;
    private static boolean[] reachable;

    @BeforeAll
    static void load() throws IOException {
        byte[] json = resource("/maps/" + DefaultOfficeMapGenerator.MAP_FILE);
        root = Json.strict().readTree(json);
        map = TiledMapParser.parse(json);
        reachable = reachableFrom(map, map.spawn());
    }

    @Test
    void isASixtyByFortyMapOfThirtyTwoPixelTilesWithTheAgreedLayers() {
        assertThat(map.widthTiles()).isEqualTo(60);
        assertThat(map.heightTiles()).isEqualTo(40);
        assertThat(map.tileSize()).isEqualTo(32);
        List<String> layers = new ArrayList<>();
        root.get("layers").forEach(layer -> layers.add(layer.get("name").asText()));
        assertThat(layers).containsExactly("floor", "furniture", "walls", "areas");
    }

    @Test
    void shipsTheTilesetImageItNames() throws IOException {
        assertThat(map.imageNames()).containsExactly(DefaultOfficeMapGenerator.TILESET_FILE);
        JsonNode tileset = root.get("tilesets").get(0);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                resource("/maps/" + DefaultOfficeMapGenerator.TILESET_FILE)));
        assertThat(image.getWidth()).isEqualTo(tileset.get("imagewidth").intValue());
        assertThat(image.getHeight()).isEqualTo(tileset.get("imageheight").intValue());
    }

    @Test
    void hasEveryKindOfAreaAndAMeetingRoomForSix() {
        assertThat(map.areas().stream().map(MapArea::kind).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(AreaKind.class));
        assertThat(map.areas()).filteredOn(a -> a.kind() == AreaKind.MEETING_ROOM).hasSizeGreaterThanOrEqualTo(2);
        assertThat(map.areas()).anyMatch(a -> a.kind() == AreaKind.MEETING_ROOM && a.capacity().orElse(0) == 6);
    }

    @Test
    void spawnIsWalkableAndInTheLobby() {
        assertThat(map.collision().walkable(map.spawn().x(), map.spawn().y())).isTrue();
        assertThat(place("Lobby").contains(map.spawn().x(), map.spawn().y())).isTrue();
    }

    static Stream<String> destinations() {
        return Stream.concat(map.areas().stream().map(MapArea::name), Stream.of("Kitchen", "Lounge", "Open Plan"));
    }

    @ParameterizedTest(name = "{0} is reachable on foot from the spawn")
    @MethodSource("destinations")
    void everyRoomIsReachableOnFootFromTheSpawn(String name) {
        MapArea target = place(name);
        int size = map.tileSize();
        boolean found = false;
        for (int ty = 0; ty < map.heightTiles(); ty++) {
            for (int tx = 0; tx < map.widthTiles(); tx++) {
                found |= reachable[ty * map.widthTiles() + tx]
                        && target.contains(tx * size + size / 2.0, ty * size + size / 2.0);
            }
        }
        assertThat(found).as("a tile of %s reachable from the spawn", name).isTrue();
    }

    @Test
    void theOpenPlanHasFortyEightDesksEachSeatedOnAChairReachableFromTheSpawn() {
        MapArea openPlan = place("Open Plan");
        assertThat(map.desks()).hasSize(48);
        assertThat(map.desk("Desk A1")).isPresent();
        assertThat(map.desk("Desk D12")).isPresent();
        for (MapDesk desk : map.desks()) {
            Point seat = desk.seat();
            int tx = map.collision().tileOf(seat.x());
            int ty = map.collision().tileOf(seat.y());
            assertThat(openPlan.contains(seat.x(), seat.y())).as(desk.name()).isTrue();
            assertThat(reachable[ty * map.widthTiles() + tx]).as("%s's seat is reachable", desk.name()).isTrue();
            assertThat(Math.abs(seat.y() - (desk.y() + desk.height() / 2))).as("%s sits in front of it", desk.name())
                    .isEqualTo(map.tileSize());
        }
        assertThat(map.desks().stream().map(MapDesk::seat).distinct()).as("no two desks share a seat").hasSize(48);
    }

    @Test
    void noWalkableTileIsShutAway() {
        List<String> stranded = new ArrayList<>();
        for (int ty = 0; ty < map.heightTiles(); ty++) {
            for (int tx = 0; tx < map.widthTiles(); tx++) {
                if (!map.collision().blocked(tx, ty) && !reachable[ty * map.widthTiles() + tx]) {
                    stranded.add("(" + tx + ", " + ty + ")");
                }
            }
        }
        assertThat(stranded).as("walkable tiles nobody can walk to").isEmpty();
    }

    /** Breadth-first search over walkable tiles, stepping to the four neighbours. */
    private static boolean[] reachableFrom(TiledMap map, Point start) {
        int width = map.widthTiles();
        boolean[] seen = new boolean[width * map.heightTiles()];
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        int sx = (int) (start.x() / map.tileSize());
        int sy = (int) (start.y() / map.tileSize());
        seen[sy * width + sx] = true;
        queue.add(new int[] {sx, sy});
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int[] tile = queue.poll();
            for (int[] step : steps) {
                int x = tile[0] + step[0];
                int y = tile[1] + step[1];
                if (!map.collision().blocked(x, y) && !seen[y * width + x]) {
                    seen[y * width + x] = true;
                    queue.add(new int[] {x, y});
                }
            }
        }
        return seen;
    }

    /**
     * An area by name, or one of the map's {@code room} objects: labels such as "Kitchen" that
     * clients may show and the parser ignores. A room is returned as a MapArea for its rectangle.
     */
    private static MapArea place(String name) {
        for (MapArea area : map.areas()) {
            if (area.name().equals(name)) {
                return area;
            }
        }
        for (JsonNode layer : root.get("layers")) {
            for (JsonNode o : layer.path("objects")) {
                if (o.path("type").asText().equals("room") && o.path("name").asText().equals(name)) {
                    return new MapArea(name, AreaKind.MEETING_ROOM, o.get("x").doubleValue(), o.get("y").doubleValue(),
                            o.get("width").doubleValue(), o.get("height").doubleValue(), Map.of());
                }
            }
        }
        throw new AssertionError("the map has no area or room named " + name);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DefaultOfficeMapTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
