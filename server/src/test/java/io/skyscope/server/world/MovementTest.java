package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.skyscope.map.TestMaps;
import io.skyscope.map.TiledMap;
import io.skyscope.server.testing.MutableClock;
import io.skyscope.server.world.MoveVerdict.Accepted;
import io.skyscope.server.world.MoveVerdict.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MovementTest {
    /**
     * 320 x 192 px. Walls (3,2) and (4,3) touch at the corner (128, 96): a diagonal gap between the
     * free tiles (3,3) and (4,2).
     */
    private static final TiledMap MAP = TestMaps.map(
            "##########",
            "#S.......#",
            "#..#.....#",
            "#...#....#",
            "#........#",
            "##########");
    /** 320 px/s, 160 px of burst, 1 px of slack. */
    private static final MovementRules RULES = new MovementRules(320, 0.5, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final Movement movement = new Movement(MAP, RULES, clock);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                   | fromX | fromY | toX       | toY  | verdict
            one tile to the right                    | 48    | 48    | 80        | 48   | ACCEPTED
            diagonally past a free corner            | 48    | 48    | 80        | 80   | ACCEPTED
            standing still                           | 48    | 48    | 48        | 48   | ACCEPTED
            the whole burst in one move              | 48    | 48    | 208       | 48   | ACCEPTED
            the burst plus the tolerance             | 48    | 48    | 209       | 48   | ACCEPTED
            just beyond burst plus tolerance         | 48    | 48    | 209.5     | 48   | TOO_FAST
            seven tiles at once                      | 48    | 48    | 272       | 48   | TOO_FAST
            onto an inner wall                       | 80    | 80    | 112       | 80   | WALL
            onto the outer wall                      | 48    | 48    | 16        | 48   | WALL
            through an inner wall                    | 80    | 80    | 144       | 80   | WALL
            through the diagonal gap                 | 112   | 112   | 144       | 80   | WALL
            through the diagonal gap, other way      | 144   | 80    | 112       | 112  | WALL
            left of the map                          | 48    | 48    | -0.1      | 48   | OUT_OF_BOUNDS
            on the right edge, which is outside      | 48    | 48    | 320       | 48   | OUT_OF_BOUNDS
            below the map                            | 48    | 48    | 48        | 500  | OUT_OF_BOUNDS
            NaN                                      | 48    | 48    | NaN       | 48   | NOT_FINITE
            infinity                                 | 48    | 48    | 48        | -Infinity | NOT_FINITE
            """)
    void checksASingleMove(String what, double fromX, double fromY, double toX, double toY, String verdict) {
        Mover mover = movement.spawnAt(fromX, fromY);
        double budget = mover.budget();

        MoveVerdict result = movement.check(mover, toX, toY);

        if (verdict.equals("ACCEPTED")) {
            assertThat(result).isEqualTo(new Accepted(toX, toY));
            assertThat(mover.x()).isEqualTo(toX);
            assertThat(mover.y()).isEqualTo(toY);
        } else {
            assertThat(result).isInstanceOfSatisfying(Rejected.class, rejected -> {
                assertThat(rejected.reason()).hasToString(verdict);
                assertThat(rejected.message()).isNotBlank();
            });
            assertThat(mover.x()).as("a rejected move leaves the mover where it was").isEqualTo(fromX);
            assertThat(mover.y()).isEqualTo(fromY);
            assertThat(mover.budget()).isEqualTo(budget);
        }
    }

    /** One step of a script: wait, then try to move to (x, y). */
    record Step(long waitMillis, double x, double y, String verdict) {
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("budget refills at maxSpeed after waiting", List.of(
                        new Step(0, 208, 48, "ACCEPTED"),
                        new Step(0, 240, 48, "TOO_FAST"),
                        new Step(100, 240, 48, "ACCEPTED"),
                        new Step(0, 241.5, 48, "TOO_FAST"),
                        new Step(5, 241.5, 48, "ACCEPTED"))),
                arguments("saved-up movement is capped at the burst", List.of(
                        new Step(10_000, 218, 48, "TOO_FAST"),
                        new Step(0, 208, 48, "ACCEPTED"))),
                arguments("walking at full speed is never refused", List.of(
                        new Step(50, 64, 48, "ACCEPTED"), new Step(50, 80, 48, "ACCEPTED"),
                        new Step(50, 96, 48, "ACCEPTED"), new Step(50, 112, 48, "ACCEPTED"),
                        new Step(50, 128, 48, "ACCEPTED"), new Step(50, 144, 48, "ACCEPTED"),
                        new Step(50, 160, 48, "ACCEPTED"), new Step(50, 176, 48, "ACCEPTED"))),
                arguments("a refused move costs nothing", List.of(
                        new Step(0, 112, 80, "WALL"),
                        new Step(0, 80, 80, "ACCEPTED"),
                        new Step(0, 144, 80, "WALL"),
                        new Step(0, 80, 144, "ACCEPTED"))),
                arguments("a jump over a wall is refused even with budget to spare", List.of(
                        new Step(0, 80, 80, "ACCEPTED"),
                        new Step(0, 112, 80, "WALL"),
                        new Step(0, 144, 80, "WALL"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void followsAScriptOfMovesFromTheSpawn(String what, List<Step> steps) {
        Mover mover = movement.spawn();
        for (Step step : steps) {
            clock.advance(Duration.ofMillis(step.waitMillis()));
            MoveVerdict result = movement.check(mover, step.x(), step.y());
            String actual = result instanceof Rejected rejected ? rejected.reason().name() : "ACCEPTED";
            assertThat(actual).as("%s, then move to (%s, %s): %s", step.waitMillis(), step.x(), step.y(), result)
                    .isEqualTo(step.verdict());
        }
    }

    @Test
    void sustainedOverspeedIsRefusedOnceTheBurstIsSpent() {
        Mover mover = movement.spawn();
        int accepted = 0;
        // 24 px every 50 ms is 480 px/s, 1.5 times the limit, back and forth along row 1.
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(50));
            double x = i % 10 < 5 ? mover.x() + 24 : mover.x() - 24;
            if (movement.check(mover, x, 48).accepted()) {
                accepted++;
            }
        }
        assertThat(accepted).isLessThan(80);
        assertThat(mover.budget()).isLessThan(24);
    }

    @Test
    void aClockSteppedBackDoesNotRefillTwice() {
        Mover mover = movement.spawn();
        assertThat(movement.check(mover, 208, 48).accepted()).isTrue();
        clock.advance(Duration.ofSeconds(-10));
        assertThat(movement.check(mover, 208, 80).accepted()).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(movement.check(mover, 208, 80).accepted()).isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(movement.check(mover, 208, 80).accepted()).isTrue();
    }

    @Test
    void aMoverLeftOnABlockedTileMayStepOff() {
        Mover stuck = new Mover(112, 80, RULES.burstPixels(), clock.instant());
        assertThat(movement.check(stuck, 112, 48)).isEqualTo(new Accepted(112, 48));
    }

    @Test
    void spawnsWithAFullBudgetAtTheMapsSpawnPoint() {
        Mover mover = movement.spawn();
        assertThat(mover.x()).isEqualTo(48);
        assertThat(mover.y()).isEqualTo(48);
        assertThat(mover.budget()).isEqualTo(160);
    }

    @Test
    void teleportPlacesWithoutSpendingBudgetButNotIntoWalls() {
        Mover mover = movement.spawn();
        movement.teleport(mover, 272, 144);
        assertThat(mover.x()).isEqualTo(272);
        assertThat(mover.y()).isEqualTo(144);
        assertThat(mover.budget()).isEqualTo(160);
        assertThatThrownBy(() -> movement.teleport(mover, 112, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("position (112.0, 80.0) is not walkable");
        assertThatThrownBy(() -> movement.spawnAt(-5, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.5, 1", "NaN, 0.5, 1", "320, 0, 1", "320, Infinity, 1", "320, 0.5, -1"})
    void rulesMustBeSensible(double maxSpeed, double burstSeconds, double tolerance) {
        assertThatThrownBy(() -> new MovementRules(maxSpeed, burstSeconds, tolerance))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultRulesAllowTenTilesASecond() {
        assertThat(MovementRules.DEFAULT.maxSpeed()).isEqualTo(320);
        assertThat(MovementRules.DEFAULT.burstSeconds()).isEqualTo(0.5);
        assertThat(MovementRules.DEFAULT.burstPixels()).isEqualTo(160);
    }
}
