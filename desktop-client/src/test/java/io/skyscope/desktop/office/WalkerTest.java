package io.skyscope.desktop.office;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.GridTerrain;
import io.skyscope.client.Walker;
import io.skyscope.map.CollisionGrid;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkerTest {
    private final List<double[]> sent = new ArrayList<>();

    private static CollisionGrid grid(String... rows) {
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

    private Walker walker(CollisionGrid g, double x, double y) {
        Walker w = new Walker(new GridTerrain(g), (px, py) -> sent.add(new double[] {px, py}));
        w.place(1, x, y);
        w.maxSpeed(320);
        return w;
    }

    @Test
    void walksUnderTheSpeedLimitAndReportsAboutTenTimesASecond() {
        Walker w = walker(grid("..........", ".........."), 16, 16);
        w.keys(1, 0);
        for (int i = 0; i < 60; i++) {
            w.step(1 / 60.0);
        }
        assertThat(w.x() - 16).isCloseTo(320 * Walker.SPEED_FACTOR, org.assertj.core.data.Offset.offset(1.0));
        assertThat(sent.size()).isBetween(8, 12);
        double px = 16;
        for (double[] s : sent) {
            assertThat(s[0] - px).as("each report within a tick's worth of walking").isLessThanOrEqualTo(320 * (Walker.SEND_INTERVAL + 1 / 60.0));
            px = s[0];
        }
    }

    @Test
    void aStalledFrameCannotJumpFurtherThanOneTick() {
        Walker w = walker(grid(".........."), 16, 16);
        w.keys(1, 0);
        w.step(2.0);
        assertThat(w.x() - 16).isLessThanOrEqualTo(320 * Walker.MAX_DT);
    }

    @Test
    void slidesAlongAWallInsteadOfStopping() {
        Walker w = walker(grid(
                "#####",
                ".....",
                "....."), 16, 40);
        w.keys(1, -1);
        for (int i = 0; i < 20; i++) {
            w.step(1 / 60.0);
        }
        assertThat(w.y()).isGreaterThanOrEqualTo(32);
        assertThat(w.x()).isGreaterThan(40);
    }

    @Test
    void stopsSendingWhenStoppedAndSendsTheFinalSpot() {
        Walker w = walker(grid("........"), 16, 16);
        w.keys(1, 0);
        for (int i = 0; i < 10; i++) {
            w.step(1 / 60.0);
        }
        w.keys(0, 0);
        w.step(1 / 60.0);
        int count = sent.size();
        assertThat(sent.getLast()[0]).isEqualTo(w.x());
        for (int i = 0; i < 30; i++) {
            w.step(1 / 60.0);
        }
        assertThat(sent).hasSize(count);
    }

    @Test
    void followsAClickPathAroundTheWallAndReportsTheCornerFirst() {
        CollisionGrid g = grid(
                "........",
                "####.###",
                "........");
        Walker w = walker(g, 16, 16);
        assertThat(w.walkTo(16, 80)).isTrue();
        for (int i = 0; i < 300 && !w.path().isEmpty(); i++) {
            w.step(1 / 60.0);
        }
        assertThat(w.x()).isEqualTo(16);
        assertThat(w.y()).isEqualTo(80);
        double[] prev = {16, 16};
        for (double[] s : sent) {
            assertThat(g.segmentClear(prev[0], prev[1], s[0], s[1])).as("report %s,%s", s[0], s[1]).isTrue();
            prev = s;
        }
    }

    @Test
    void aNewPlacementFromTheServerWins() {
        Walker w = walker(grid("........"), 16, 16);
        w.walkTo(200, 16);
        w.place(2, 100, 16);
        assertThat(w.x()).isEqualTo(100);
        assertThat(w.path()).isEmpty();
        w.place(2, 50, 16);
        assertThat(w.x()).as("the same placement is not applied twice").isEqualTo(100);
    }
}
