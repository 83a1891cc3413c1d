package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.ServerMessage.VoiceLeave;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The town hall of the default office over real sockets: a speaker on the stage is heard by the
 * people in its seats, who do not hear each other; the audience is capped with a refusal that says
 * why; the speaker role is kept with the space, so it survives a server restart, and revoking it
 * ends the calls.
 */
class StageEndToEndTest {
    /** An audience of two, so that the third listener is turned away. */
    private static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 2, 160);
    /** On the stage (tiles 3-18 x 1-4), in the seats' centre aisle (tiles 9-12 x 6-16), in the corridor. */
    private static final double[] STAGE = {352, 96};
    private static final double[][] SEATS = {{344, 300}, {344, 400}, {344, 480}};
    private static final double[] CORRIDOR = {344, 620};

    private static MapProbe map;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void theStageIsHeardByItsAudienceUpToTheLimitAndTheSpeakerRoleOutlivesARestart() {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse gil = SERVER.register("gil");
        AuthResponse hal = SERVER.register("hal");
        AuthResponse ivy = SERVER.register("ivy");
        AuthResponse jon = SERVER.register("jon");
        map = new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                fay.accessToken(), null, String.class));
        String hall = SERVER.api().createSpace(fay.accessToken(), "Town meeting", "public").id();
        Connection f = SERVER.join(fay, hall);
        f.send(new VoiceCommand.StageSpeaker(gil.userId(), true, "grant"));
        f.await(ServerMessage.Ack.class, a -> "grant".equals(a.ref()), TIMEOUT);

        Connection g = SERVER.join(gil, hall);
        assertThat(g.await(ServerMessage.StageSpeaker.class, s -> s.userId().equals(gil.userId()), TIMEOUT).speaker())
                .as("a joiner is told who holds the speaker role").isTrue();
        // One at a time from the entrance, so that nobody meets on the way in.
        walk(g, STAGE);
        Connection h = SERVER.join(hal, hall);
        walk(h, SEATS[0]);
        Connection i = SERVER.join(ivy, hall);
        walk(i, SEATS[1]);

        VoiceJoin halHearsGil = h.await(VoiceJoin.class, j -> j.peerId().equals(gil.userId()), TIMEOUT);
        assertThat(halHearsGil.reason()).isEqualTo("stage");
        assertThat(halHearsGil.direction()).as("a listener only listens").isEqualTo("recvonly");
        assertThat(i.await(VoiceJoin.class, j -> j.peerId().equals(gil.userId()), TIMEOUT).direction()).isEqualTo("recvonly");
        assertThat(g.await(VoiceJoin.class, j -> j.peerId().equals(hal.userId()), TIMEOUT).direction()).isEqualTo("sendonly");
        g.await(VoiceJoin.class, j -> j.peerId().equals(ivy.userId()), TIMEOUT);

        // Two listeners 100 px apart in the seats do not hear each other: no voice set, no relay.
        h.send(new VoiceCommand.Signal(ivy.userId(), JsonNodeFactory.instance.objectNode().put("type", "offer"), "to-ivy"));
        assertThat(h.await(ServerMessage.Error.class, e -> "to-ivy".equals(e.ref()), TIMEOUT).code()).isEqualTo("not_in_voice_set");

        Connection j = SERVER.join(jon, hall);
        walk(j, SEATS[2]);
        assertThat(j.await(ServerMessage.Error.class, e -> "audience_full".equals(e.code()), TIMEOUT).message())
                .contains("Town Hall Stage").contains("at most 2 listeners").contains("media server (SFU)");
        // Ivy goes back to the corridor: her seat in the audience goes to Jon.
        walk(i, CORRIDOR);
        i.await(VoiceLeave.class, l -> l.peerId().equals(gil.userId()), TIMEOUT);
        assertThat(j.await(VoiceJoin.class, v -> v.peerId().equals(gil.userId()), TIMEOUT).direction()).isEqualTo("recvonly");

        SERVER.stop();
        SERVER.start();
        g = SERVER.join(gil, hall);
        h = SERVER.join(hal, hall);
        assertThat(h.await(ServerMessage.StageSpeaker.class, s -> s.userId().equals(gil.userId()), TIMEOUT).speaker())
                .as("the role was kept with the space").isTrue();
        walk(g, STAGE);
        walk(h, SEATS[0]);
        h.await(VoiceJoin.class, v -> v.peerId().equals(gil.userId()) && v.reason().equals("stage"), TIMEOUT);

        f = SERVER.join(fay, hall);
        f.send(new VoiceCommand.StageSpeaker(gil.userId(), false, "revoke"));
        f.await(ServerMessage.Ack.class, a -> "revoke".equals(a.ref()), TIMEOUT);
        h.await(VoiceLeave.class, l -> l.peerId().equals(gil.userId()) && l.reason().equals("stage"), TIMEOUT);
    }

    private static void walk(Connection c, double[] to) {
        assertThat(map.walk(c, to)).as("a correction on the way").isNull();
        Person there = c.world().snapshot().self();
        assertThat(new double[] {there.x(), there.y()}).as("where the server put %s", there.displayName())
                .containsExactly(to, org.assertj.core.data.Offset.offset(0.5));
    }
}
