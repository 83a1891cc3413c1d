package io.skyscope.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AreaIndexTest {

    private static MapArea area(String name, double x, double y, double width, double height) {
        return new MapArea(name, AreaKind.MEETING_ROOM, x, y, width, height, Map.of());
    }

    /** The rule, stated as plainly as it can be: of the areas containing the point, the smallest, the first on a tie. */
    private static MapArea innermost(List<MapArea> areas, double x, double y) {
        MapArea best = null;
        for (MapArea a : areas) {
            if (a.contains(x, y) && (best == null || a.size() < best.size())) {
                best = a;
            }
        }
        return best;
    }

    @Test
    void noAreasMeansNoAreaAnywhere() {
        var index = new AreaIndex(List.of());
        assertThat(index.areaAt(0, 0)).isNull();
        assertThat(index.areaAt(1e6, -5)).isNull();
    }

    @Test
    void theInnermostAreaWinsAndEqualSizesGoToTheFirstInTheFile() {
        var hall = area("Hall", 0, 0, 1000, 1000);
        var room = area("Room", 100, 100, 200, 200);
        var booth = area("Booth", 150, 150, 20, 20);
        var left = area("Left", 500, 500, 100, 100);
        var right = area("Right", 550, 500, 100, 100);
        var index = new AreaIndex(List.of(hall, room, booth, left, right));

        assertThat(index.areaAt(160, 160)).isEqualTo(booth);
        assertThat(index.areaAt(120, 120)).isEqualTo(room);
        assertThat(index.areaAt(900, 900)).isEqualTo(hall);
        assertThat(index.areaAt(575, 550)).as("a tie").isEqualTo(left);
        assertThat(index.areaAt(620, 550)).isEqualTo(right);
        assertThat(index.areaAt(1000, 10)).as("edges are half-open").isNull();
        assertThat(index.areaAt(-0.5, 10)).isNull();
        assertThat(index.areaAt(Double.NaN, 10)).isNull();
    }

    @Test
    void aPointOnASharedEdgeBelongsToTheAreaItStarts() {
        var west = area("West", 0, 0, 64, 64);
        var east = area("East", 64, 0, 64, 64);
        var index = new AreaIndex(List.of(west, east));
        assertThat(index.areaAt(64, 10)).isEqualTo(east);
        assertThat(index.areaAt(Math.nextDown(64.0), 10)).isEqualTo(west);
        assertThat(index.areaAt(128, 10)).isNull();
    }

    /**
     * Random maps (a few areas to a few thousand; tiny, huge, overlapping, at fractional
     * coordinates, far from the origin) agree with the plain rule at random points and at every
     * area's corners and edges, where rounding into grid cells could go wrong.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void agreesWithTheRuleOnRandomMaps(long seed) {
        var random = new Random(seed);
        int n = switch ((int) (seed % 4)) {
            case 0 -> 1;
            case 1 -> 12;
            case 2 -> 300;
            default -> 3000;
        };
        double origin = random.nextBoolean() ? 0 : random.nextDouble() * 50_000;
        double side = 500 + random.nextDouble() * 60_000;
        List<MapArea> areas = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = random.nextInt(20) == 0 ? random.nextDouble() * side : 1 + random.nextDouble() * 400;
            double h = random.nextInt(20) == 0 ? random.nextDouble() * side : 1 + random.nextDouble() * 400;
            if (random.nextInt(10) == 0) {
                w = Math.rint(w / 32) * 32 + 32;
                h = w;
            }
            double x = origin + (random.nextBoolean() ? random.nextDouble() * side : Math.rint(random.nextDouble() * side / 32) * 32);
            double y = origin + random.nextDouble() * side;
            areas.add(area("a" + i, x, y, w, h));
        }
        var index = new AreaIndex(areas);

        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            points.add(new double[] {origin - 100 + random.nextDouble() * (side + 600),
                    origin - 100 + random.nextDouble() * (side + 600)});
        }
        for (MapArea a : areas) {
            double right = a.x() + a.width();
            double bottom = a.y() + a.height();
            for (double px : new double[] {a.x(), Math.nextDown(a.x()), right, Math.nextDown(right)}) {
                for (double py : new double[] {a.y(), Math.nextDown(a.y()), bottom, Math.nextDown(bottom)}) {
                    points.add(new double[] {px, py});
                }
            }
        }
        int inAnArea = 0;
        for (double[] p : points) {
            MapArea expected = innermost(areas, p[0], p[1]);
            assertThat(index.areaAt(p[0], p[1])).as("(%s, %s)", p[0], p[1]).isSameAs(expected);
            inAnArea += expected == null ? 0 : 1;
        }
        assertThat(inAnArea).as("points that fall in some area").isPositive();
    }
}
