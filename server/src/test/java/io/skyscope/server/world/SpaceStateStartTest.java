package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.Point;
import io.skyscope.map.TestMaps;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a join asking for a start of its own (someone's desk) places them, and when it does not. */
class SpaceStateStartTest {
    /** Spawn (48, 48); floor at (176, 80) and (144, 48); a wall tile at (112, 80). */
    private static final TiledMap MAP = TestMaps.map(
            "########",
            "#S.....#",
            "#..#...#",
            "########");

    /** asked (x, y or -1 for none), where they stood before leaving (-1: never here), still present?, expected (x, y). */
    @ParameterizedTest(name = "asked {0},{1}, last {2},{3}, present {4} -> {5},{6}")
    @CsvSource({
            "176, 80,  -1, -1, false, 176, 80",   // a walkable seat: there
            "112, 80,  -1, -1, false,  48, 48",   // a seat on a wall: the spawn
            "176, 80, 144, 48, false, 176, 80",   // the seat beats where they last stood
            " -1, -1, 144, 48, false, 144, 48",   // no seat asked: where they last stood
            "112, 80, 144, 48, false, 144, 48",   // an unusable seat: where they last stood
            "176, 80, 144, 48, true,  144, 48"})  // still present (a new connection): they keep their place
    void aJoinStartsAtTheSeatItAsksForWhenTheyMayStandThere(double askX, double askY, double lastX, double lastY,
                                                            boolean present, double x, double y) {
        var state = new SpaceState(new ServerMessage.SpaceInfo("s", "S", "m", 1), MAP,
                new WorldTuning(5000, 1000, 100, 60), new MutableClock());
        if (lastX >= 0) {
            state.join(join(null));
            state.teleport("u", lastX, lastY);
            if (!present) {
                state.leave("u", "session-u");
            }
        }
        Point asked = askX >= 0 ? new Point(askX, askY) : null;
        var welcome = state.join(join(asked));
        assertThat(List.of(welcome.you().x(), welcome.you().y())).containsExactly(x, y);
    }

    private static JoinRequest join(Point startAt) {
        return new JoinRequest("u", "session-u", "U", "a1", Status.AVAILABLE, "", null, List.of(),
                PresenceEncoding.JSON, null, startAt);
    }
}
