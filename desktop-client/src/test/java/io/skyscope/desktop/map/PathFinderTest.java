package io.skyscope.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.CollisionGrid;
import io.skyscope.map.PathFinder;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathFinderTest {

    /** Builds a grid from rows of '#' (blocked) and '.' (free), 32 px tiles. */
    static CollisionGrid grid(String... rows) {
        BitSet blocked = new BitSet();
        int w = rows[0].length();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                if (rows[y].charAt(x) == '#') {
                    blocked.set(y * w + x);
                }
            }
        }
        return new CollisionGrid(w, rows.length, 32, blocked);
    }

    @Test
    void aClearLineIsOneLeg() {
        CollisionGrid g = grid("......", "......");
        assertThat(new PathFinder(g).find(16, 16, 170, 40)).containsExactly(new PathFinder.Point(170, 40));
    }

    @Test
    void goesAroundAWallThroughTheDoor() {
        CollisionGrid g = grid(
                "........",
                "####.###",
                "........");
        List<PathFinder.Point> path = new PathFinder(g).find(16, 16, 16, 80);
        assertThat(path).isNotEmpty();
        assertThat(path.getLast()).isEqualTo(new PathFinder.Point(16, 80));
        assertLegsClear(g, 16, 16, path);
        assertThat(path).anySatisfy(p -> assertThat(g.tileOf(p.x())).isEqualTo(4));
    }

    @Test
    void neverSqueezesBetweenDiagonalWalls() {
        CollisionGrid g = grid(
                "..#",
                ".#.",
                "...");
        // From top-left to the right middle: the diagonal gap at (1,0)-(2,1) is closed.
        List<PathFinder.Point> path = new PathFinder(g).find(16, 16, 80, 48);
        assertLegsClear(g, 16, 16, path);
        assertThat(path.size()).isGreaterThan(1);
    }

    @Test
    void anUnreachableSpotGivesNoPath() {
        CollisionGrid g = grid(
                "..#..",
                "..#..",
                "..#..");
        assertThat(new PathFinder(g).find(16, 16, 140, 16)).isEmpty();
    }

    @Test
    void aClickOnAWallWalksToTheNearestFreeTile() {
        CollisionGrid g = grid(
                ".....",
                ".###.",
                ".....");
        List<PathFinder.Point> path = new PathFinder(g).find(16, 16, 80, 48);
        assertThat(path).isNotEmpty();
        PathFinder.Point end = path.getLast();
        assertThat(g.walkable(end.x(), end.y())).isTrue();
        assertThat(Math.hypot(end.x() - 80, end.y() - 48)).isLessThanOrEqualTo(33);
    }

    @Test
    void everyLegOnTheDefaultOfficeStaysOnWalkableTiles() {
        OfficeMap map = DefaultMap.load();
        CollisionGrid g = map.collision();
        PathFinder finder = new PathFinder(g);
        double[][] trips = {{768, 1136, 1010, 240}, {768, 1136, 300, 300}, {100, 800, 1800, 1100}, {1010, 240, 1700, 200}};
        for (double[] t : trips) {
            List<PathFinder.Point> path = finder.find(t[0], t[1], t[2], t[3]);
            assertThat(path).as("a path for %s", java.util.Arrays.toString(t)).isNotEmpty();
            assertLegsClear(g, t[0], t[1], path);
        }
    }

    private static void assertLegsClear(CollisionGrid g, double x, double y, List<PathFinder.Point> path) {
        double px = x;
        double py = y;
        for (PathFinder.Point p : path) {
            assertThat(g.segmentClear(px, py, p.x(), p.y())).as("leg to %s", p).isTrue();
            px = p.x();
            py = p.y();
        }
    }
}
