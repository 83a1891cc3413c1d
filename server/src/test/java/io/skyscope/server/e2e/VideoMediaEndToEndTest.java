package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camera video and screen sharing between real headless clients through the real server: the
 * synthetic test pattern goes through VP8 and is read back (its frame counter advancing, its
 * capture time recent), only where the server's {@code voice.video} sends it, to nobody outside the
 * voice set, and not after the call ends; in a meeting room of {@code videoPeers} + 2 people each
 * sees the cameras of the nearest {@code videoPeers} and hears everyone.
 */
@Tag("voice")
class VideoMediaEndToEndTest {
    /** Fresh: the counter went up by this much, the newest frame drawn less than 2 s ago. */
    private static final int ADVANCE = 10;
    private static final long MAX_AGE_MILLIS = 2_000;
    /** The Boardroom's clear row (tiles 33-44 x 22-29), as the server's video test uses it. */
    private static final double ROW_Y = 784;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @Test
    void aCameraAndAScreenShareReachThePersonNearbyNobodyOutsideAndEndWithTheCall() {
        try (var cal = VoiceClient.join(SERVER, "cal", VoiceClientsEndToEndTest.OFFICE)) {
            var places = Places.around(SERVER, cal);
            MapProbe map = probe(cal.user);
            // Cal stands far away first, outside everyone's voice set.
            walk(cal, map, places.far());
            try (var ben = VoiceClient.join(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
                 var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
                walk(ben, map, places.centre());
                walk(ana, map, places.left(60));
                PatternWatch camera = ben.watch(ana, VideoKind.CAMERA);
                PatternWatch screen = ben.watch(ana, VideoKind.SCREEN);
                PatternWatch calCamera = cal.watch(ana, VideoKind.CAMERA);
                PatternWatch calScreen = cal.watch(ana, VideoKind.SCREEN);

                ana.cameraOn();
                await().atMost(TIMEOUT).until(() -> camera.fresh(ADVANCE, MAX_AGE_MILLIS));
                long late = System.currentTimeMillis() - camera.newest().wallMillis();
                System.out.printf("Ben reads Ana's camera: frame %d, drawn %d ms before it was read%n",
                        camera.newest().counter(), late);
                LinkState.Video atBen = ben.link(ana).video();
                assertThat(atBen.camera()).as("Ana's voice.state says camera").isTrue();
                assertThat(atBen.receive()).as("voice.video lets her camera reach Ben").isTrue();
                assertThat(ana.link(ben).video().sendingCamera()).isTrue();

                ana.engine().setCamera(false);
                await().atMost(TIMEOUT).until(() -> !ben.link(ana).video().cameraFlowing());
                assertThat(ben.link(ana).video().camera()).isFalse();
                long frames = camera.frames();
                await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> camera.frames() == frames);

                ana.engine().shareScreen(TestPattern.screen());
                await().atMost(TIMEOUT).until(() -> screen.fresh(3, MAX_AGE_MILLIS));
                assertThat(ben.link(ana).video().screen()).isTrue();

                // Cal, outside the voice set, has no link and gets nothing; a signal to Ana is refused.
                cal.session.send(new VoiceCommand.Signal(ana.id(), JsonNodeFactory.instance.objectNode()
                        .put("type", "offer").put("sdp", "v=0\r\n"), "sneak"));
                var refused = cal.session.await(ServerMessage.Error.class, e -> "sneak".equals(e.ref()), TIMEOUT);
                assertThat(refused.code()).isEqualTo("not_in_voice_set");
                assertThat(cal.link(ana)).isNull();
                assertThat(calCamera.frames() + calScreen.frames()).isZero();

                // Ana walks away: the call ends, and the screen share and camera with it.
                ana.cameraOn();
                walk(ana, map, map.openSpotInLineOfSight(places.left(60)[0], places.left(60)[1], 300,
                        places.far(), 300));
                await().atMost(TIMEOUT).until(() -> ben.link(ana) == null && ana.link(ben) == null);
                long cameraFrames = camera.frames();
                long screenFrames = screen.frames();
                await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() ->
                        camera.frames() == cameraFrames && screen.frames() == screenFrames);
                assertThat(calCamera.frames() + calScreen.frames()).isZero();
            }
        }
    }

    @Test
    void aMeetingRoomOfFourWithTwoVideoPeersShowsEachTheNearestTwoAndPlaysEveryone() {
        AuthResponse owner = SERVER.register("owner");
        String space = SERVER.api().createSpace(owner.accessToken(), "Board meeting", "public").id();
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", owner.accessToken(),
                new VoiceSettingsView(null, null, null, null, null, null, null, 2), VoiceSettingsView.class);
        MapProbe map = probe(owner);
        // In a row: 60, 80 and 170 px apart, so every choice of the nearest two is clear.
        double[] xs = {1090, 1150, 1230, 1400};
        double[] tones = {350, 470, 590, 710};
        List<VoiceClient> people = new ArrayList<>();
        try {
            for (int i = 0; i < xs.length; i++) {
                var person = VoiceClient.join(SERVER, "room" + i, space);
                people.add(person);
                walk(person, map, new double[] {xs[i], ROW_Y});
                person.audio.play(SignalSource.tone(tones[i]));
                person.cameraOn();
            }
            Map<Integer, Set<Integer>> nearest = Map.of(0, Set.of(1, 2), 1, Set.of(0, 2), 2, Set.of(0, 1), 3, Set.of(1, 2));
            List<List<PatternWatch>> watches = new ArrayList<>();
            for (VoiceClient me : people) {
                List<PatternWatch> mine = new ArrayList<>();
                for (VoiceClient other : people) {
                    mine.add(me == other ? null : me.watch(other, VideoKind.CAMERA));
                }
                watches.add(mine);
            }
            await().atMost(TIMEOUT.multipliedBy(2)).untilAsserted(() -> {
                for (int i = 0; i < people.size(); i++) {
                    VoiceClient me = people.get(i);
                    Set<Integer> seen = new TreeSet<>();
                    for (int j = 0; j < people.size(); j++) {
                        if (j == i) {
                            continue;
                        }
                        LinkState link = me.link(people.get(j));
                        assertThat(link).as("%d is linked with %d", i, j).isNotNull();
                        assertThat(link.state()).isEqualTo(LinkState.State.CONNECTED);
                        assertThat(me.hears(tones[j], 300)).as("%d hears %d's tone", i, j).isGreaterThan(100);
                        if (link.video().cameraFlowing()) {
                            seen.add(j);
                        }
                    }
                    assertThat(seen).as("whose cameras %d sees", i).isEqualTo(new TreeSet<>(nearest.get(i)));
                    for (int j : nearest.get(i)) {
                        assertThat(watches.get(i).get(j).fresh(ADVANCE, MAX_AGE_MILLIS))
                                .as("%d reads %d's camera", i, j).isTrue();
                    }
                }
            });
            // Those not among the nearest send nothing more.
            long[][] counts = new long[people.size()][people.size()];
            for (int i = 0; i < people.size(); i++) {
                for (int j = 0; j < people.size(); j++) {
                    counts[i][j] = i == j ? 0 : watches.get(i).get(j).frames();
                }
            }
            await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> {
                for (int i = 0; i < people.size(); i++) {
                    for (int j = 0; j < people.size(); j++) {
                        if (i != j && !nearest.get(i).contains(j) && watches.get(i).get(j).frames() != counts[i][j]) {
                            return false;
                        }
                    }
                }
                return true;
            });
        } finally {
            people.forEach(VoiceClient::close);
        }
    }

    @Test
    void anEngineStartedAfterTheCallBeganSeesTheCameraAndTheScreenAlreadyOn() {
        try (var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            ana.cameraOn();
            ana.engine().shareScreen(TestPattern.screen());
            // Ben stands at the spawn beside Ana: linked, told of her flags and of her camera,
            // all before his voice engine starts (the desktop's may start late).
            try (var ben = VoiceClient.joinWithoutVoice(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE)) {
                ben.session.await(ServerMessage.VoiceJoin.class, j -> j.peerId().equals(ana.id()), TIMEOUT);
                ben.session.await(ServerMessage.VoiceVideo.class, v -> v.peerId().equals(ana.id()) && v.receive(),
                        TIMEOUT);
                ben.startVoice();
                PatternWatch camera = ben.watch(ana, VideoKind.CAMERA);
                PatternWatch screen = ben.watch(ana, VideoKind.SCREEN);
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    LinkState.Video atBen = ben.link(ana).video();
                    assertThat(atBen.camera()).as("Ana's camera flag, from before Ben's engine").isTrue();
                    assertThat(atBen.screen()).as("Ana's screen flag, from before Ben's engine").isTrue();
                });
                await().atMost(TIMEOUT).until(() -> camera.fresh(ADVANCE, MAX_AGE_MILLIS)
                        && screen.fresh(3, MAX_AGE_MILLIS));
            }
        }
    }

    /** Walks around walls, one confirmed step per waypoint. */
    static void walk(VoiceClient client, MapProbe map, double[] to) {
        double[] at = client.position();
        for (double[] waypoint : map.route(at[0], at[1], to[0], to[1])) {
            client.moveTo(waypoint);
        }
    }

    static MapProbe probe(AuthResponse user) {
        return new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                user.accessToken(), null, String.class));
    }
}
