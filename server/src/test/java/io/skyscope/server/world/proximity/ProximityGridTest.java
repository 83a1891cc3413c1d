package io.skyscope.server.world.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProximityGridTest {

    @Test
    void radiusQueriesMatchCheckingEveryoneThroughMovesRemovalsAndGrowth() {
        var grid = new ProximityGrid(50);
        var random = new Random(7);
        List<VoiceMember> people = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            var m = new VoiceMember("u" + i);
            place(grid, m, random.nextDouble() * 3000, random.nextDouble() * 3000);
            people.add(m);
        }
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 300; i++) {
                var m = people.get(random.nextInt(people.size()));
                if (random.nextInt(10) == 0) {
                    grid.remove(m);
                } else {
                    place(grid, m, Math.max(0, m.x + random.nextGaussian() * 40), Math.max(0, m.y + random.nextGaussian() * 40));
                }
            }
            for (int q = 0; q < 50; q++) {
                double x = random.nextDouble() * 3000;
                double y = random.nextDouble() * 3000;
                double r = 10 + random.nextDouble() * 150;
                Set<VoiceMember> found = new HashSet<>();
                var probe = new VoiceMember("probe");
                probe.x = x;
                probe.y = y;
                grid.forEachWithin(x, y, r, (m, distance) -> {
                    found.add(m);
                    assertThat(distance).as("the distance, exactly as distanceTo gives it").isEqualTo(probe.distanceTo(m));
                });
                Set<VoiceMember> expected = new HashSet<>();
                for (var m : people) {
                    if (m.slot >= 0 && Math.hypot(m.x - x, m.y - y) <= r) {
                        expected.add(m);
                    }
                }
                assertThat(found).isEqualTo(expected);
            }
        }
        assertThat(grid.size()).isEqualTo((int) people.stream().filter(m -> m.slot >= 0).count());
    }

    @Test
    void aQuerySkipsExactlyThePeopleMarkedForItAlsoWhereTheQueryNumbersComeRound() {
        // Numbered from just before the wrap: queries -3, -2, -1, then 1, 2, ...
        var grid = new ProximityGrid(50, -3);
        var random = new Random(11);
        List<VoiceMember> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var m = new VoiceMember("u" + i);
            place(grid, m, 100 + random.nextDouble() * 60, 100 + random.nextDouble() * 60);
            people.add(m);
        }
        for (int q = 0; q < 8; q++) {
            Set<VoiceMember> marked = new HashSet<>();
            for (var m : people) {
                if (random.nextInt(3) == 0) {
                    grid.skipInNextQuery(m);
                    marked.add(m);
                }
            }
            Set<VoiceMember> found = new HashSet<>();
            grid.forEachWithin(130, 130, 100, (m, distance) -> found.add(m));
            Set<VoiceMember> expected = new HashSet<>(people);
            expected.removeAll(marked);
            assertThat(found).as("query %d", q).isEqualTo(expected);
        }
    }

    @Test
    void noQueryFindsSomeoneWalkingPast() {
        var grid = new ProximityGrid(50);
        var standing = new VoiceMember("standing");
        var walker = new VoiceMember("walker");
        place(grid, standing, 100, 100);
        place(grid, walker, 110, 100);
        walker.walking = true;
        grid.walking(walker);
        assertThat(found(grid)).containsExactly(standing);
        var arriving = new VoiceMember("arriving");
        arriving.walking = true;
        place(grid, arriving, 90, 100);
        assertThat(found(grid)).as("a walker put into the grid").containsExactly(standing);
        walker.walking = false;
        grid.walking(walker);
        grid.remove(arriving);
        var next = new VoiceMember("next");
        place(grid, next, 95, 100);
        assertThat(found(grid)).as("a slot freed by a walker").containsExactlyInAnyOrder(standing, walker, next);
    }

    private static Set<VoiceMember> found(ProximityGrid grid) {
        Set<VoiceMember> found = new HashSet<>();
        grid.forEachWithin(100, 100, 40, (m, distance) -> found.add(m));
        return found;
    }

    private static void place(ProximityGrid grid, VoiceMember m, double x, double y) {
        m.x = x;
        m.y = y;
        grid.put(m, x, y);
    }
}
