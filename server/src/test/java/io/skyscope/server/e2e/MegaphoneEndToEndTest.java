package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.MediaJoin;
import io.skyscope.protocol.ServerMessage.MediaLeave;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.Janus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The megaphone through a real Janus: a member who is not an owner or admin is refused; an admin
 * turns it on and someone at the far end of the office, far out of anyone's voice range, hears
 * them through the megaphone's room, as does everyone else present; everyone is told who holds it;
 * turned off, the room is left and the far end hears nothing. Headless clients with synthetic
 * tones, real WebRTC, all on this host.
 */
@Tag("voice")
class MegaphoneEndToEndTest {
    private static final double TONE = 523;
    private static final Duration HEAR = Duration.ofSeconds(30);

    @RegisterExtension
    @Order(1)
    static final Janus JANUS = new Janus();

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300)).withMedia(JANUS.mediaConfig()));

    @Test
    void anAdminIsHeardAtTheFarEndOfTheOfficeAndAMemberIsRefused() {
        AuthResponse owner = SERVER.register("owner");
        String office = SERVER.api().createSpace(owner.accessToken(), "All of us", "public").id();
        MapProbe map = MapProbe.defaultOffice(SERVER);
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            VoiceClient announcer = VoiceClient.join(SERVER, "announcer", office);
            everyone.add(announcer);
            SERVER.api().send("PUT", "api/v1/spaces/" + office + "/members/" + announcer.id(), owner.accessToken(),
                    new RoleChange("admin"), Object.class);
            VoiceClient member = VoiceClient.join(SERVER, "member", office);
            everyone.add(member);
            VoiceClient far = VoiceClient.join(SERVER, "far", office);
            everyone.add(far);
            double[] end = farthestOpenSpot(map, announcer.position());
            for (double[] waypoint : map.route(far.position()[0], far.position()[1], end[0], end[1])) {
                far.moveTo(waypoint);
            }
            double distance = Math.hypot(end[0] - announcer.position()[0], end[1] - announcer.position()[1]);
            announcer.audio.play(SignalSource.tone(TONE));
            await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> far.hears(TONE, 300) < 20);
            // Far's walk may have crossed a stage's audience (a media.join and media.leave of that stage's
            // room): what counts comes from here on.
            far.session.clearInbox();

            // A member who is neither owner nor admin is refused.
            member.session.send(new VoiceCommand.MegaphoneOn("m-member"));
            ServerMessage.Error refused = member.session.await(ServerMessage.Error.class,
                    e -> "m-member".equals(e.ref()), TIMEOUT);
            assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN.wire());

            // The admin speaks to everyone.
            long on = System.nanoTime();
            announcer.session.send(new VoiceCommand.MegaphoneOn("m-on"));
            announcer.session.await(ServerMessage.Ack.class, a -> "m-on".equals(a.ref()), TIMEOUT);
            for (VoiceClient c : everyone) {
                assertThat(c.session.await(ServerMessage.Megaphone.class, TIMEOUT))
                        .isEqualTo(new ServerMessage.Megaphone(announcer.id(), true));
            }
            MediaJoin join = far.session.await(MediaJoin.class, TIMEOUT);
            assertThat(join.stage()).as("the megaphone's room, not a stage's").isNull();
            assertThat(join.speaker()).isFalse();
            assertThat(announcer.session.await(MediaJoin.class, TIMEOUT).speaker()).isTrue();
            for (VoiceClient listener : List.of(far, member)) {
                await("the megaphone is heard").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> listener.hears(TONE, 300) > 150);
            }
            System.out.printf("megaphone: heard %.0f px away %d ms after megaphone.on%n", distance,
                    (System.nanoTime() - on) / 1_000_000);

            // Off: out of the room, nothing heard at the far end.
            announcer.session.send(new VoiceCommand.MegaphoneOff("m-off"));
            announcer.session.await(ServerMessage.Ack.class, a -> "m-off".equals(a.ref()), TIMEOUT);
            assertThat(far.session.await(ServerMessage.Megaphone.class, TIMEOUT).on()).isFalse();
            assertThat(far.session.await(MediaLeave.class, TIMEOUT).room()).isEqualTo(join.room());
            await("silence at the far end").atMost(TIMEOUT)
                    .until(() -> Pcm.rms(far.audio.recorder().lastMono(500)) < 5);
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    /** The walkable tile centre in open space farthest from {@code from} that can be walked to. */
    private static double[] farthestOpenSpot(MapProbe map, double[] from) {
        int ts = map.map().tileSize();
        var grid = map.map().collision();
        List<double[]> open = new ArrayList<>();
        for (int ty = 0; ty < grid.heightTiles(); ty++) {
            for (int tx = 0; tx < grid.widthTiles(); tx++) {
                double x = tx * ts + ts / 2.0;
                double y = ty * ts + ts / 2.0;
                if (grid.walkable(x, y) && map.map().areaAt(x, y).isEmpty()) {
                    open.add(new double[] {x, y});
                }
            }
        }
        open.sort(java.util.Comparator.comparingDouble(p -> -Math.hypot(p[0] - from[0], p[1] - from[1])));
        for (double[] spot : open) {
            try {
                map.route(from[0], from[1], spot[0], spot[1]);
                return spot;
            } catch (AssertionError noWay) {
                // walled off: the next farthest
            }
        }
        throw new AssertionError("no open spot can be walked to");
    }
}
