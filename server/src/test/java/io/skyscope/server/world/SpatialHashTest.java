package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.map.Point;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpatialHashTest {

    private static SpatialHash<String> sample() {
        SpatialHash<String> hash = new SpatialHash<>(100);
        hash.put("a", 0, 0);
        hash.put("b", 50, 0);
        hash.put("c", 99, 99);
        hash.put("d", 100, 100);
        hash.put("e", -50, -50);
        hash.put("f", 250, 0);
        hash.put("g", 0, 150);
        return hash;
    }

    @ParameterizedTest(name = "within {2} of ({0}, {1}): {3}")
    @CsvSource(nullValues = "-", textBlock = """
            # x,   y,    radius,  keys
            0,     0,    0,       a
            0,     0,    50,      a b
            0,     0,    100,     a b e
            0,     0,    150,     a b c d e g
            0,     0,    1000000, a b c d e f g
            200,   0,    60,      f
            100,   100,  1.5,     c d
            -50,   -50,  0,       e
            1000,  1000, 10,      -
            """)
    void forEachWithinVisitsExactlyTheKeysInTheCircle(double x, double y, double radius, String keys) {
        Set<String> found = new TreeSet<>();
        sample().forEachWithin(x, y, radius, found::add);
        assertThat(String.join(" ", found)).isEqualTo(keys == null ? "" : keys);
    }

    @Test
    void agreesWithBruteForceOnRandomPointsAsTheyMoveAndLeave() {
        Random random = new Random(42);
        SpatialHash<Integer> hash = new SpatialHash<>(64);
        Map<Integer, Point> truth = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            Point p = new Point(random.nextDouble() * 2000 - 200, random.nextDouble() * 1500 - 200);
            hash.put(i, p.x(), p.y());
            truth.put(i, p);
        }
        compare(hash, truth, random);

        for (int i = 0; i < 3000; i += 2) {
            // Half move a little (mostly within their cell), half jump anywhere.
            Point old = truth.get(i);
            Point p = i % 4 == 0 ? new Point(old.x() + random.nextGaussian() * 5, old.y() + random.nextGaussian() * 5)
                    : new Point(random.nextDouble() * 2000, random.nextDouble() * 1500);
            hash.put(i, p.x(), p.y());
            truth.put(i, p);
        }
        compare(hash, truth, random);

        for (int i = 0; i < 3000; i += 3) {
            assertThat(hash.remove(i)).isTrue();
            truth.remove(i);
        }
        assertThat(hash.size()).isEqualTo(truth.size());
        compare(hash, truth, random);
    }

    private static void compare(SpatialHash<Integer> hash, Map<Integer, Point> truth, Random random) {
        for (int q = 0; q < 300; q++) {
            double x = random.nextDouble() * 2400 - 400;
            double y = random.nextDouble() * 1900 - 400;
            double radius = q % 10 == 0 ? random.nextDouble() * 3000 : random.nextDouble() * 250;
            Set<Integer> expected = new HashSet<>();
            truth.forEach((key, p) -> {
                if (Math.hypot(p.x() - x, p.y() - y) <= radius) {
                    expected.add(key);
                }
            });
            Set<Integer> within = new HashSet<>();
            hash.forEachWithin(x, y, radius, key -> assertThat(within.add(key)).as("visited once").isTrue());
            assertThat(within).isEqualTo(expected);
        }
        truth.forEach((key, p) -> assertThat(hash.position(key)).contains(p));
    }

    @ParameterizedTest(name = "move b to ({0}, {1})")
    @CsvSource({"60, 10", "150, 10", "-1, -1", "50, 0"})
    void movingAKeyUpdatesItsPositionAndCell(double x, double y) {
        SpatialHash<String> hash = sample();
        hash.put("b", x, y);
        assertThat(hash.size()).isEqualTo(7);
        assertThat(hash.position("b")).contains(new Point(x, y));
        Set<String> found = new HashSet<>();
        hash.forEachWithin(x, y, 0, found::add);
        assertThat(found).contains("b");
        Set<String> atOldPlace = new HashSet<>();
        hash.forEachWithin(50, 0, 0, atOldPlace::add);
        assertThat(atOldPlace.contains("b")).isEqualTo(x == 50 && y == 0);
    }

    @Test
    void forEachNearGivesTheSameKeysAsForEachWithinAndEachOneOffsetFromTheCentre() {
        SpatialHash<String> hash = sample();
        Set<String> within = new HashSet<>();
        hash.forEachWithin(40, 10, 120, within::add);
        java.util.Map<String, Point> offsets = new java.util.HashMap<>();
        hash.forEachNear(40, 10, 120, (key, dx, dy) -> offsets.put(key, new Point(dx, dy)));
        assertThat(offsets.keySet()).isEqualTo(within).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(offsets).containsEntry("a", new Point(-40, -10)).containsEntry("c", new Point(59, 89))
                .containsEntry("e", new Point(-90, -60));
    }

    @Test
    void removeContainsAndSize() {
        SpatialHash<String> hash = sample();
        assertThat(hash.contains("c")).isTrue();
        assertThat(hash.remove("c")).isTrue();
        assertThat(hash.remove("c")).isFalse();
        assertThat(hash.contains("c")).isFalse();
        assertThat(hash.position("c")).isEmpty();
        assertThat(hash.size()).isEqualTo(6);
        Set<String> found = new TreeSet<>();
        hash.forEachWithin(0, 0, 150, found::add);
        assertThat(found).containsExactly("a", "b", "d", "e", "g");
        for (String key : Arrays.asList("a", "b", "d", "e", "f", "g")) {
            hash.remove(key);
        }
        assertThat(hash.size()).isZero();
        hash.forEachWithin(0, 0, 1e6, key -> { throw new AssertionError(key); });
    }

    @Test
    void changingTheHashDuringAQueryFailsFast() {
        SpatialHash<String> hash = sample();
        assertThatThrownBy(() -> hash.forEachWithin(0, 0, 1000, key -> hash.remove("a")))
                .isInstanceOf(ConcurrentModificationException.class);
    }

    @ParameterizedTest
    @CsvSource({"NaN, 0", "0, Infinity", "1e300, 0"})
    void refusesPositionsItCannotPlace(double x, double y) {
        SpatialHash<String> hash = sample();
        assertThatThrownBy(() -> hash.put("a", x, y)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hash.position("a")).contains(new Point(0, 0));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "NaN", "Infinity"})
    void refusesCellSizesThatAreNotPositive(double cellSize) {
        assertThatThrownBy(() -> new SpatialHash<String>(cellSize)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0, -1", "NaN, 0, 1", "0, 0, NaN"})
    void refusesQueriesWithoutACircle(double x, double y, double radius) {
        assertThatThrownBy(() -> sample().forEachWithin(x, y, radius, key -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
