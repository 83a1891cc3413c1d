package io.skyscope.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.CollisionGrid;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.server.world.MoveVerdict;
import io.skyscope.server.world.Movement;
import io.skyscope.server.world.MovementRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The walls the desktop predicts are the walls the server judges: the default office read the way
 * the desktop reads it (the JSON tree from the REST client, into an {@link OfficeMap}) and the way
 * the server reads it (the stored bytes, into a {@link TiledMap} for {@link Movement}) agree on
 * every tile and on every short step, the walker's rule on one side and the server's verdict on the
 * other. A disagreement would reach people as a move the server corrects.
 */
class PredictedWallsTest {
    /** Steps of up to two tiles each way: past single walls, through diagonal gaps and tile corners. */
    private static final int REACH = 2;

    @Test
    void theDesktopPredictsEveryStepOnTheDefaultOfficeAsTheServerJudgesIt() {
        CollisionGrid predicted = DefaultMap.load().collision();
        TiledMap judged = TiledMapParser.parse(DefaultMap.bytes());
        Movement movement = new Movement(judged, MovementRules.DEFAULT,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThat(predicted.widthTiles()).isEqualTo(judged.widthTiles());
        assertThat(predicted.heightTiles()).isEqualTo(judged.heightTiles());
        int steps = 0;
        int refused = 0;
        for (int ty = 0; ty < judged.heightTiles(); ty++) {
            for (int tx = 0; tx < judged.widthTiles(); tx++) {
                assertThat(predicted.blocked(tx, ty)).as("tile (%d, %d)", tx, ty)
                        .isEqualTo(judged.collision().blocked(tx, ty));
                double x = predicted.centre(tx);
                double y = predicted.centre(ty);
                if (!predicted.walkable(x, y)) {
                    continue;
                }
                for (int dy = -REACH; dy <= REACH; dy++) {
                    for (int dx = -REACH; dx <= REACH; dx++) {
                        double nx = predicted.centre(tx + dx);
                        double ny = predicted.centre(ty + dy);
                        boolean walkerWouldGo = predicted.walkable(nx, ny) && predicted.segmentClear(x, y, nx, ny);
                        MoveVerdict verdict = movement.check(movement.spawnAt(x, y), nx, ny);
                        assertThat(verdict instanceof MoveVerdict.Accepted)
                                .as("a step from (%.0f, %.0f) to (%.0f, %.0f): %s", x, y, nx, ny, verdict)
                                .isEqualTo(walkerWouldGo);
                        steps++;
                        refused += walkerWouldGo ? 0 : 1;
                    }
                }
            }
        }
        assertThat(refused).as("steps into walls were tried").isPositive();
        assertThat(steps - refused).as("free steps were tried").isPositive();
    }
}
