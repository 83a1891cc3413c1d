package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.CORRIDOR;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.HEAR;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.LEVEL_DBFS;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.LOUNGE;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.MESH;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.PEOPLE;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.TONES;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.VOICE;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.area;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.hearEachOther;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.mesh;
import static io.skyscope.server.e2e.MeetingRoomMediaEndToEndTest.reasons;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.TestPattern;
import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.MediaJoin;
import io.skyscope.protocol.ServerMessage.MediaLeave;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.Janus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Video in a mixed meeting room through a real Janus's VideoRoom (SFU), every handle there the
 * server's: with the space's mesh size set to 6, eight people in the Boardroom (headless clients,
 * each playing a tone of its own and sending the synthetic camera pattern) hear each other through
 * the AudioBridge's mix and each decodes the seven others' camera patterns from the SFU, with no
 * direct link left to carry them. Someone outside the room who sends the room video offers or
 * answers is refused, and a client's Janus token cannot reach the VideoRoom at all. A screen
 * shared besides the camera reaches the others the same way, and ends when it stops. One walks
 * out, with a client modified to ignore {@code media.leave} (it keeps its connections to the SFU):
 * from then on they receive nobody's picture, nobody receives theirs, and Janus lists no
 * publisher of theirs in the room, because the server detached their handles. The owner turning cameras off in the space (videoPeers 0) takes
 * them off the room mixed at that moment. Janus killed: the room's video ends with its mix (nothing
 * comes through a media server that is gone); started again, the new mix's VideoRoom carries
 * everyone's camera again. Real WebRTC, all on this host.
 */
@Tag("voice")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeetingRoomVideoEndToEndTest {
    /** Eight encoders and 56 decoders share two cores with Janus and the server: generous. */
    private static final Duration SEE = Duration.ofSeconds(60);
    private static final int ADVANCE = 10;
    private static final long MAX_AGE_MILLIS = 3_000;
    /** The check runs every 2 s and a killed Janus refuses at once. */
    private static final Duration TOLD = Duration.ofSeconds(10);
    private static final Duration BACK = Duration.ofSeconds(40);

    @RegisterExtension
    @Order(1)
    static final Janus JANUS = new Janus();

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE))
            .withMedia(JANUS.mediaConfig()));

    @Test
    @Order(1)
    void eightInAMixedRoomSeeEachOthersCamerasThroughTheSfuAndWhoWalksOutIsCutOffBothWays() {
        var fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String space = SERVER.api().createSpace(fay.accessToken(), "All hands, on camera", "public").id();
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", fay.accessToken(),
                mesh(MESH), VoiceSettingsView.class);
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            VoiceClient outsider = VoiceClient.join(SERVER, "corridor", space);
            everyone.add(outsider);
            outsider.walk(map, CORRIDOR);
            List<VoiceClient> room = mixedRoomOnCamera(map, space, everyone, true);
            List<MediaJoin> joins = room.stream().map(c -> c.session.await(MediaJoin.class, TIMEOUT)).toList();
            awaitMixAlone(room);

            // Every camera from the SFU alone: no direct link is left to carry one.
            Map<String, PatternWatch> watches = watches(room);
            seeEachOther(watches);
            for (VoiceClient c : room) {
                assertThat(reasons(c)).as("still on the mix alone").containsExactly("media");
                await("the seven cameras as the UI shows them").atMost(TIMEOUT).until(() -> c.engine().snapshot()
                        .roomPictures().stream().filter(p -> p.video().camera() && p.video().receive()).count()
                        == PEOPLE - 1);
            }
            hearEachOther(room);
            var offer = room.get(0).session.await(ServerMessage.MediaVideoOffer.class, o -> o.streams().size() == 7,
                    TIMEOUT);
            System.out.printf("the SFU's offer of the seven others' cameras: %d bytes for %d sections%n",
                    offer.sdp().length(), offer.sdp().split("\r\nm=").length - 1);

            // One shares a screen as well: published afresh with two sections, both seen by the others.
            VoiceClient sharer = room.get(2);
            PatternWatch screen = room.get(3).watch(sharer, VideoKind.SCREEN);
            PatternWatch camera = watches.get(room.get(3).id() + ">" + sharer.id());
            sharer.engine().shareScreen(TestPattern.screen());
            await("the screen share decoded through the SFU").atMost(SEE).until(() -> screen.fresh(ADVANCE, MAX_AGE_MILLIS));
            camera.reset();
            await("and the sharer's camera still").atMost(SEE).until(() -> camera.fresh(ADVANCE, MAX_AGE_MILLIS));
            sharer.engine().stopSharing();
            stopped(screen, "the share ends");

            // One's subscription fails (Janus hangs its connection up): the server makes a fresh one,
            // whose offer says so, and the pictures come back on a new connection.
            VoiceClient failing = room.get(1);
            failing.session.clearInbox();
            long feed = JanusIntruder.videoFeeds(JANUS).get(failing.id());
            JanusAdmin.Handle hungUp = JanusAdmin.subscriptionWithout(JANUS, feed);
            JanusAdmin.hangUp(JANUS, hungUp);
            failing.session.await(ServerMessage.MediaVideoOffer.class, ServerMessage.MediaVideoOffer::fresh, TIMEOUT);
            PatternWatch again = watches.get(failing.id() + ">" + room.get(0).id());
            again.reset();
            await("pictures on the fresh subscription").atMost(SEE).until(() -> again.fresh(ADVANCE, MAX_AGE_MILLIS));
            assertThat(JanusAdmin.subscriptionWithout(JANUS, feed)).as("a new subscription").isNotEqualTo(hungUp);

            // Outside the room: refused, by the server and by Janus.
            long mediaRoom = joins.get(0).room();
            outsider.session.send(new VoiceCommand.MediaVideoPublish(mediaRoom, "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
                    + "a=mid:0\r\n", List.of("camera"), "intrude-1"));
            assertThat(refusal(outsider, "intrude-1").code()).isEqualTo("not_in_room");
            outsider.session.send(new VoiceCommand.MediaVideoAnswer(mediaRoom, "v=0\r\n", "intrude-2"));
            assertThat(refusal(outsider, "intrude-2").message()).contains("not in the mix");
            JanusIntruder.cannotReachTheVideoRoom(JANUS, joins.get(0));
            // A member may publish video alone: an offer with audio is refused, what they publish stays.
            room.get(0).session.send(new VoiceCommand.MediaVideoPublish(mediaRoom, "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF"
                    + " 111\r\na=mid:0\r\n", List.of("camera"), "audio-1"));
            assertThat(refusal(room.get(0), "audio-1").code()).isEqualTo("invalid_field");
            Map<String, Boolean> publishers = JanusIntruder.videoPublishers(JANUS);
            assertThat(publishers).as("the room's publishers, by the member ids the server showed them as")
                    .containsOnlyKeys(room.stream().map(VoiceClient::id).toArray(String[]::new));

            // One walks out, whose client ignores media.leave: the server cuts them off both ways at
            // once all the same, and Janus has no publisher of theirs left.
            VoiceClient leaver = room.get(PEOPLE - 1);
            VoiceClient stayer = room.get(0);
            PatternWatch leaverSees = watches.get(leaver.id() + ">" + stayer.id());
            leaver.walk(map, LOUNGE);
            assertThat(leaver.session.await(MediaLeave.class, TIMEOUT).reason()).isEqualTo("left the room");
            stopped(leaverSees, "who walked out sees the room no more");
            for (VoiceClient other : room.subList(0, PEOPLE - 1)) {
                stopped(watches.get(other.id() + ">" + leaver.id()), "nobody sees who walked out");
            }
            await("Janus lists no publisher of who walked out").atMost(TIMEOUT)
                    .until(() -> !JanusIntruder.videoPublishers(JANUS).containsKey(leaver.id()));
            PatternWatch stillSeen = watches.get(stayer.id() + ">" + room.get(1).id());
            stillSeen.reset();
            await("the others still see each other").atMost(SEE).until(() -> stillSeen.fresh(ADVANCE, MAX_AGE_MILLIS));

            // The owner turns cameras off in the space: the room mixed now shows none from then on.
            SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", fay.accessToken(),
                    new VoiceSettingsView(null, null, null, null, null, null, null, 0, null), VoiceSettingsView.class);
            stopped(stillSeen, "no camera once the space turns cameras off");
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    @Test
    @Order(2)
    void janusDyingEndsTheRoomsVideoWithItsMixAndTheNewMixCarriesItAgain() throws Exception {
        var fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String space = SERVER.api().createSpace(fay.accessToken(), "All hands, on camera, failing over", "public").id();
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", fay.accessToken(),
                mesh(MESH), VoiceSettingsView.class);
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            List<VoiceClient> room = mixedRoomOnCamera(map, space, everyone, false);
            long first = room.get(0).session.await(MediaJoin.class, TIMEOUT).room();
            awaitMixAlone(room);
            Map<String, PatternWatch> watches = watches(room);
            seeEachOther(watches);

            JANUS.kill();
            for (VoiceClient c : room) {
                assertThat(c.session.await(MediaLeave.class, TOLD).reason()).isEqualTo(MediaReasons.MEDIA_UNAVAILABLE);
                await("off the mix").atMost(TIMEOUT).until(() -> !reasons(c).contains("media"));
                assertThat(c.engine().snapshot().roomPictures()).as("no picture through a media server that is gone")
                        .isEmpty();
            }

            JANUS.start();
            for (VoiceClient c : room) {
                c.session.await(MediaJoin.class, j -> j.room() != first, BACK);
            }
            awaitMixAlone(room);
            watches.values().forEach(PatternWatch::reset);
            seeEachOther(watches);
            assertThat(JanusIntruder.videoPublishers(JANUS)).as("a new VideoRoom, with everyone publishing")
                    .containsOnlyKeys(room.stream().map(VoiceClient::id).toArray(String[]::new));
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    /**
     * Eight people in the Boardroom, each with a tone of their own and the camera pattern on; with
     * {@code lastModified}, the last one's client ignores {@code media.leave}.
     */
    private static List<VoiceClient> mixedRoomOnCamera(MapProbe map, String space, List<VoiceClient> everyone,
                                                       boolean lastModified) {
        List<double[]> seats = map.spots(area(map, "Boardroom"), PEOPLE, CORRIDOR);
        List<VoiceClient> room = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            VoiceClient c;
            if (lastModified && i == PEOPLE - 1) {
                c = VoiceClient.joinWithoutVoice(SERVER, "modified", space);
                c.startVoiceIgnoringMediaLeave();
            } else {
                c = VoiceClient.join(SERVER, "member", space);
            }
            everyone.add(c);
            room.add(c);
            c.audio.play(SignalSource.tone(TONES[i], LEVEL_DBFS));
            c.cameraOn();
            c.walk(map, seats.get(i));
        }
        return room;
    }

    private static void awaitMixAlone(List<VoiceClient> room) {
        for (VoiceClient c : room) {
            await("on the mix alone").atMost(HEAR).until(() -> reasons(c).equals(List.of("media")));
        }
    }

    /** Each one's watch of each other one's camera, by "viewer>seen". */
    private static Map<String, PatternWatch> watches(List<VoiceClient> room) {
        Map<String, PatternWatch> watches = new HashMap<>();
        for (VoiceClient viewer : room) {
            for (VoiceClient seen : room) {
                if (viewer != seen) {
                    watches.put(viewer.id() + ">" + seen.id(), viewer.watch(seen, VideoKind.CAMERA));
                }
            }
        }
        return watches;
    }

    private static void seeEachOther(Map<String, PatternWatch> watches) {
        long start = System.nanoTime();
        for (var entry : watches.entrySet()) {
            await(entry.getKey() + ": the camera pattern decoded").atMost(SEE)
                    .until(() -> entry.getValue().fresh(ADVANCE, MAX_AGE_MILLIS));
        }
        System.out.printf("all %d cameras of the mixed room decoded through the SFU after %d ms%n", watches.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** No new frame for a second and a half, within the timeout. */
    private static void stopped(PatternWatch watch, String what) {
        long[] last = {-1};
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(1500)).until(() -> {
            long now = watch.frames();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
    }

    private static ServerMessage.Error refusal(VoiceClient c, String ref) {
        return c.session.await(ServerMessage.Error.class, e -> ref.equals(e.ref()), TIMEOUT);
    }
}
