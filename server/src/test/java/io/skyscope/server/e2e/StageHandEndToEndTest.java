package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.StageHand;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raised hands in the town hall over real sockets: someone in the seats raises a hand and the
 * owner, who asked to see hands, is told, while a member may not look and someone in the corridor
 * may not raise one; giving the floor or walking out lowers the hand; raising and lowering is rate
 * limited.
 */
class StageHandEndToEndTest {
    private static final String STAGE = "Town Hall Stage";
    /** In the seats' centre aisle, and in the corridor. */
    private static final double[] SEAT = {344, 300};
    private static final double[] CORRIDOR = {344, 620};

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withWorld(new WorldTuning(5000, 1200, 100, 300)));

    @Test
    void aHandFromTheSeatsReachesTheOwnerAndTheFloorOrTheDoorLowersIt() {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse gil = SERVER.register("gil");
        AuthResponse hal = SERVER.register("hal");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String hall = SERVER.api().createSpace(fay.accessToken(), "Town meeting", "public").id();
        Connection f = SERVER.join(fay, hall);
        Connection g = SERVER.join(gil, hall);
        assertThat(map.walk(g, SEAT)).isNull();
        Connection h = SERVER.join(hal, hall);
        assertThat(map.walk(h, CORRIDOR)).isNull();

        g.send(new VoiceCommand.StageHands("peek"));
        assertThat(g.await(ServerMessage.Error.class, e -> "peek".equals(e.ref()), TIMEOUT).code())
                .as("a member does not see the hands").isEqualTo("forbidden");
        f.send(new VoiceCommand.StageHands("watch"));
        f.await(ServerMessage.Ack.class, a -> "watch".equals(a.ref()), TIMEOUT);
        assertThat(f.await(ServerMessage.StageHands.class, TIMEOUT).hands()).isEmpty();

        h.send(new VoiceCommand.StageHand(true, "corridor"));
        assertThat(h.await(ServerMessage.Error.class, e -> "corridor".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("not_in_audience");

        raise(g, true, "up");
        assertThat(f.await(StageHand.class, TIMEOUT)).isEqualTo(new StageHand(gil.userId(), STAGE, true));
        assertThat(g.await(StageHand.class, TIMEOUT)).as("the person sees their hand up").isEqualTo(
                new StageHand(gil.userId(), STAGE, true));

        // The floor, granted as ever, lowers the hand.
        f.send(new VoiceCommand.StageSpeaker(gil.userId(), true, "grant"));
        f.await(ServerMessage.Ack.class, a -> "grant".equals(a.ref()), TIMEOUT);
        assertThat(f.await(StageHand.class, TIMEOUT)).isEqualTo(new StageHand(gil.userId(), STAGE, false));
        g.send(new VoiceCommand.StageHand(true, "speaker"));
        assertThat(g.await(ServerMessage.Error.class, e -> "speaker".equals(e.ref()), TIMEOUT).code())
                .as("a speaker has the floor already").isEqualTo("not_in_audience");
        f.send(new VoiceCommand.StageSpeaker(gil.userId(), false, "revoke"));
        f.await(ServerMessage.Ack.class, a -> "revoke".equals(a.ref()), TIMEOUT);

        // Up again, then out of the door: down.
        raise(g, true, "again");
        assertThat(f.await(StageHand.class, TIMEOUT).raised()).isTrue();
        assertThat(map.walk(g, CORRIDOR)).isNull();
        assertThat(f.await(StageHand.class, TIMEOUT)).isEqualTo(new StageHand(gil.userId(), STAGE, false));

        // Ten raises and lowers a minute: two so far, eight more, then refused.
        assertThat(map.walk(g, SEAT)).isNull();
        for (int i = 0; i < 8; i++) {
            raise(g, i % 2 == 0, "n" + i);
        }
        g.send(new VoiceCommand.StageHand(true, "over"));
        var limited = g.await(ServerMessage.Error.class, e -> "over".equals(e.ref()), TIMEOUT);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.retryAfterMs()).isPositive();
    }

    private static void raise(Connection c, boolean up, String ref) {
        c.send(new VoiceCommand.StageHand(up, ref));
        c.await(ServerMessage.Ack.class, a -> ref.equals(a.ref()), TIMEOUT);
    }
}
