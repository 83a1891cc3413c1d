package io.skyscope.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.TestMaps;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.MutableClock;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.SpaceState;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who hears a nearby message, on a 40 x 20 tile open floor (32 px tiles) with a meeting room at
 * x 640–960, y 0–320 and a silent zone at x 0–320, y 320–640.
 */
class NearbyRecipientsTest {
    private static final double RADIUS = 256;

    private SpaceState state;

    @BeforeEach
    void floor() {
        String[] rows = new String[20];
        char[] row = new char[40];
        Arrays.fill(row, '.');
        for (int y = 0; y < rows.length; y++) {
            rows[y] = new String(row);
        }
        rows[10] = "S" + rows[10].substring(1);
        var tmj = TestMaps.tmj(rows);
        TestMaps.addArea(tmj, "meeting-room", "Room A", 640, 0, 320, 320);
        TestMaps.addArea(tmj, "silent-zone", "Library", 0, 320, 320, 320);
        state = new SpaceState(new ServerMessage.SpaceInfo("s", "S", "m", 1), TestMaps.parse(tmj),
                new WorldTuning(320, 1200, 100, 300), new MutableClock());
        place("ana", 400, 100);
        place("ben", 550, 100);    // 150 px from ana, open floor
        place("cat", 400, 380);    // 280 px from ana: too far
        place("dan", 650, 100);    // 250 px from ana, but inside the meeting room
        place("eve", 950, 310);    // far corner of the meeting room
        place("fay", 300, 340);    // inside the library, 250 px from ana
        place("gus", 20, 620);     // far corner of the library
    }

    private void place(String id, double x, double y) {
        state.join(new JoinRequest(id, "session-" + id, id, "a1", Status.AVAILABLE, "", null));
        state.teleport(id, x, y);
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ana | ana ben
            ben | ben ana
            dan | dan eve
            eve | eve dan
            fay | fay gus
            cat | cat
            """)
    void aMessageReachesTheRoomOrTheHearingRadiusOutsideRooms(String sender, String expected) {
        assertThat(ChatRecipients.nearby(state, sender, RADIUS))
                .containsExactlyInAnyOrder(expected.split(" "))
                .first().isEqualTo(sender);
    }

    @Test
    void someoneAbsentReachesOnlyThemselves() {
        assertThat(ChatRecipients.nearby(state, "nobody", RADIUS)).containsExactly("nobody");
    }
}
