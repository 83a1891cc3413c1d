package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.ServerMessage.VoiceLeave;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walking past someone over real sockets, at the clients' own pace: the client library's {@link
 * Walker} steps every 50 ms at 0.9 of the default 320 px/s speed limit, and the server ticks
 * every 100 ms with the default voice settings (walking past above 160 px/s).
 */
class WalkingPastEndToEndTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(320, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceSettings.defaults())));

    @Test
    void walkingPastSomeoneStartsNoCallAndStoppingBesideThemDoes() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        var heard = new CopyOnWriteArrayList<ServerMessage>();
        try (Session a = open(ana)) {
            a.onMessage(m -> {
                if (m instanceof VoiceJoin j && j.peerId().equals(ben.userId())
                        || m instanceof VoiceLeave l && l.peerId().equals(ben.userId())) {
                    heard.add(m);
                }
            });
            try (Session b = open(ben)) {
                walkPast(a, b, ana, ben, heard);
            }
        }
    }

    private static void walkPast(Session a, Session b, AuthResponse ana, AuthResponse ben,
                                 List<ServerMessage> heard) {
        Person spawn = a.snapshot().self();
        var probe = new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID
                + "?version=1", ana.accessToken(), null, String.class));
        // A clear straight line of 600 px from the spawn; Ben stands half way along it.
        double[] end = probe.openSpotInLineOfSight(spawn.x(), spawn.y(), 600, null, 0);
        double[] middle = {(spawn.x() + end[0]) / 2, (spawn.y() + end[1]) / 2};
        assertThat(Walker.walk(b, middle[0], middle[1])).as("Ben walks to the middle").isTrue();
        // They met at the spawn: whatever call that started has ended before Ana sets off.
        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT)
                .until(() -> heard.isEmpty() || heard.getLast() instanceof VoiceLeave);
        heard.clear();

        // Ana walks the whole line, straight through where Ben stands, and on 300 px past him.
        assertThat(Walker.walk(a, end[0], end[1])).as("Ana walks past").isTrue();
        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(heard::isEmpty);

        // She walks back and stops 40 px from him: now the call starts, for both.
        double[] beside = {middle[0] + (end[0] - middle[0]) * 40 / 300, middle[1] + (end[1] - middle[1]) * 40 / 300};
        assertThat(Walker.walk(a, beside[0], beside[1])).isTrue();
        await().atMost(TIMEOUT).until(() -> heard.stream().anyMatch(VoiceJoin.class::isInstance));
        b.await(VoiceJoin.class, j -> j.peerId().equals(ana.userId()), TIMEOUT);
    }

    private static Session open(AuthResponse user) {
        return Session.open(SERVER.api(), new Session.Credentials(user.username(), "violet harbor lantern " + user.username(),
                null), OFFICE);
    }
}
