package io.skyscope.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollisionGridTest {
    /**
     * 32 px tiles. Walls at (1,1) and (2,2) touch at the corner (64, 64); walls at (4,3) and (3,4)
     * touch at (128, 128).
     */
    private static final CollisionGrid GRID = grid(32,
            "......",
            ".#....",
            "..#...",
            "....#.",
            "...#..",
            "......");

    static CollisionGrid grid(int tileSize, String... rows) {
        BitSet blocked = new BitSet();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                blocked.set(y * rows[0].length() + x, rows[y].charAt(x) == '#');
            }
        }
        return new CollisionGrid(rows[0].length(), rows.length, tileSize, blocked);
    }

    @ParameterizedTest(name = "tile ({0}, {1}) blocked: {2}")
    @CsvSource({"0, 0, false", "1, 1, true", "2, 2, true", "5, 5, false", "-1, 0, true", "0, -1, true",
            "6, 0, true", "0, 6, true"})
    void tilesOutsideTheMapAreBlocked(int tx, int ty, boolean blocked) {
        assertThat(GRID.blocked(tx, ty)).isEqualTo(blocked);
    }

    @ParameterizedTest(name = "({0}, {1}) walkable: {2}")
    @CsvSource({"0, 0, true", "31.99, 31.99, true", "32, 32, false", "63.99, 63.99, false", "191.99, 191.99, true",
            "192, 10, false", "10, 192, false", "-0.01, 10, false", "NaN, 10, false", "10, Infinity, false"})
    void walkableMeansInsideAndNotOnABlockedTile(double x, double y, boolean walkable) {
        assertThat(GRID.walkable(x, y)).isEqualTo(walkable);
        assertThat(GRID.blockedAt(x, y)).isEqualTo(!walkable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                               | x0   | y0   | x1    | y1    | clear
            within one tile                                      | 5    | 5    | 25    | 25    | true
            no movement                                          | 16   | 16   | 16    | 16    | true
            along the clear top row                              | 16   | 16   | 176   | 16    | true
            along row 1 into the wall at (1,1)                   | 16   | 48   | 176   | 48    | false
            along row 1 on the far side of the wall              | 80   | 48   | 176   | 48    | true
            down the clear left column                           | 16   | 16   | 16    | 176   | true
            ending on a wall                                     | 16   | 16   | 48    | 48    | false
            starting on a wall                                   | 48   | 48   | 16    | 16    | false
            ending outside the map                               | 16   | 16   | -1    | 16    | false
            ending on the far edge, which is outside             | 16   | 16   | 192   | 16    | false
            non-finite end                                       | 16   | 16   | NaN   | 16    | false
            through the diagonal gap at (64,64) down-left        | 80   | 48   | 48    | 80    | false
            through the diagonal gap at (64,64) up-right         | 48   | 80   | 80    | 48    | false
            through the diagonal gap at (128,128) down-right     | 112  | 112  | 144   | 144   | false
            through the diagonal gap at (128,128) up-left        | 144  | 144  | 112   | 112   | false
            long line through the gap at (128,128)               | 80   | 80   | 176   | 176   | false
            past a corner with a wall on one side only           | 16   | 48   | 48    | 16    | true
            just beside the gap, clipping wall (3,4)             | 112  | 112  | 144   | 150   | false
            just beside the gap, clipping wall (4,3)             | 112  | 112  | 150   | 144   | false
            a shallow line that clips the corner of (1,1)        | 0.5  | 16   | 191   | 80    | false
            a shallow line above the wall at (1,1)               | 0.5  | 16   | 191   | 31    | true
            from a tile edge leftwards                           | 64   | 16   | 40    | 16    | true
            """)
    void segmentClearWalksEveryTileTheSegmentCrosses(String what, double x0, double y0, double x1, double y1,
                                                     boolean clear) {
        assertThat(GRID.segmentClear(x0, y0, x1, y1)).isEqualTo(clear);
    }

    /**
     * Against an independent answer: a segment is clear exactly when no blocked tile's square meets
     * it in more than a point. Random segments almost never pass exactly through a corner, so the
     * corner rule does not come into it here; the table above covers that.
     */
    @Test
    void segmentClearAgreesWithClippingAgainstEveryTile() {
        Random random = new Random(20261122);
        CollisionGrid grid = randomGrid(random, 24, 16, 8, 0.25);
        int clear = 0;
        for (int i = 0; i < 20_000; i++) {
            double x0 = random.nextDouble() * 24 * 8;
            double y0 = random.nextDouble() * 16 * 8;
            double x1 = x0 + random.nextGaussian() * 30;
            double y1 = y0 + random.nextGaussian() * 30;
            boolean expected = clearByClipping(grid, x0, y0, x1, y1);
            assertThat(grid.segmentClear(x0, y0, x1, y1)).as("(%s, %s) -> (%s, %s)", x0, y0, x1, y1)
                    .isEqualTo(expected);
            assertThat(grid.segmentClear(x1, y1, x0, y0)).isEqualTo(expected);
            clear += expected ? 1 : 0;
        }
        assertThat(clear).as("both outcomes are exercised").isBetween(2_000, 18_000);
    }

    private static CollisionGrid randomGrid(Random random, int width, int height, int tileSize, double density) {
        BitSet blocked = new BitSet();
        for (int i = 0; i < width * height; i++) {
            blocked.set(i, random.nextDouble() < density);
        }
        return new CollisionGrid(width, height, tileSize, blocked);
    }

    private static boolean clearByClipping(CollisionGrid grid, double x0, double y0, double x1, double y1) {
        if (!grid.walkable(x0, y0) || !grid.walkable(x1, y1)) {
            return false;
        }
        int size = grid.tileSize();
        for (int ty = 0; ty < grid.heightTiles(); ty++) {
            for (int tx = 0; tx < grid.widthTiles(); tx++) {
                if (grid.blocked(tx, ty)
                        && overlapLength(x0, y0, x1, y1, tx * size, ty * size, (tx + 1) * size, (ty + 1) * size) > 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Liang-Barsky: the length (in segment-parameter units) of the segment inside the rectangle. */
    private static double overlapLength(double x0, double y0, double x1, double y1,
                                        double left, double top, double right, double bottom) {
        double t0 = 0;
        double t1 = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - left, right - x0, y0 - top, bottom - y0};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return 0;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return Math.max(0, t1 - t0);
    }

    @Test
    void aRoomClosedToMeBlocksEveryTileItOverlapsAndNothingElse() {
        // Tiles 2..3 x 0..1 overlap the room (from 70,10 to 128,64: the right edge is exclusive).
        var room = new MapArea("Pair", AreaKind.MEETING_ROOM, 70, 10, 58, 54, java.util.Map.of());
        CollisionGrid closed = GRID.blocking(java.util.List.of(room));
        for (int ty = 0; ty < 6; ty++) {
            for (int tx = 0; tx < 6; tx++) {
                boolean inRoom = tx >= 2 && tx <= 3 && ty <= 1;
                assertThat(closed.blocked(tx, ty)).as("tile %d,%d", tx, ty).isEqualTo(inRoom || GRID.blocked(tx, ty));
            }
        }
        assertThat(GRID.blocked(2, 0)).as("the grid itself is unchanged").isFalse();
        assertThat(GRID.blocking(java.util.List.of())).isSameAs(GRID);
    }
}
