package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.ServerMessage.VoiceLeave;
import io.skyscope.protocol.ServerMessage.VoiceVideo;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whose camera travels where, over real sockets on the default office map (the protocol only; the
 * media is the clients' business): {@code voice.video} after {@code voice.join} on a two-way link,
 * gone with the link; a meeting room of {@code videoPeers} + 2 people where each gets the cameras
 * of the nearest {@code videoPeers} and everyone's voice; a room whose nearest have their cameras
 * off, where the places go to the nearest with the camera on; camera and screen flags in
 * {@code voice.state}, replayed to a new connection in the order join, state, video; the
 * {@code videoPeers} setting's route. Each test has a space of its own.
 */
class VideoEndToEndTest {
    /** Hearing within 128 px, up to 160 px; cameras of the 4 nearest by default. */
    private static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 50, 160);
    /** In the Boardroom (tiles 33-44 x 22-29, a table at 37-40 x 25-26), on the clear row 24. */
    private static final double ROW_Y = 784;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void twoPeopleTogetherGetEachOthersCameraAfterTheJoinUntilTheyPart() {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse cal = SERVER.register("cal");
        String space = SERVER.api().createSpace(ana.accessToken(), "Two desks", "public").id();
        MapProbe map = probe(ana);
        // Cal stands far away, out of everyone's voice set.
        Heard c = enter(cal, space);
        double[] spawn = c.position();
        double[] far = map.openSpotInLineOfSight(spawn[0], spawn[1], 300, null, 0);
        assertThat(map.walk(c.connection, far)).as("a correction on the way").isNull();
        Heard a = enter(ana, space);
        cameraOn(a);
        Heard b = enter(ben, space);
        cameraOn(b);

        a.connection.await(VoiceJoin.class, j -> j.peerId().equals(ben.userId()), TIMEOUT);
        // Both cameras on: both directions, in one voice.video or (if one camera came on after the
        // join) a second one that adds the other direction.
        assertThat(a.connection.await(VoiceVideo.class, v -> v.peerId().equals(ben.userId()) && v.send()
                && v.receive(), TIMEOUT)).isEqualTo(new VoiceVideo(ben.userId(), true, true));
        assertThat(b.connection.await(VoiceVideo.class, v -> v.peerId().equals(ana.userId()) && v.send()
                && v.receive(), TIMEOUT)).isEqualTo(new VoiceVideo(ana.userId(), true, true));
        // (The camera flags reach whoever is near, in a call or not: they may come before the join.)
        assertThat(a.about(ben.userId())).filteredOn(m -> !(m instanceof ServerMessage.VoiceState))
                .as("voice.join comes first").first().isInstanceOf(VoiceJoin.class);
        assertThat(b.about(ana.userId())).filteredOn(m -> !(m instanceof ServerMessage.VoiceState))
                .first().isInstanceOf(VoiceJoin.class);

        // Cal is in nobody's voice set: no camera, and no signal gets through to get one.
        c.connection.send(new VoiceCommand.Signal(ana.userId(), JsonNodeFactory.instance.objectNode()
                .put("type", "offer").put("sdp", "v=0\r\n"), "sneak"));
        var refused = c.connection.await(ServerMessage.Error.class, e -> "sneak".equals(e.ref()), TIMEOUT);
        assertThat(refused.code()).isEqualTo("not_in_voice_set");
        assertThat(a.about(cal.userId())).isEmpty();

        // Ana walks away (away from Cal too): the call ends, and its camera with it.
        assertThat(map.walk(a.connection, map.openSpotInLineOfSight(spawn[0], spawn[1], 300, far, 400)))
                .as("a correction on the way").isNull();
        a.connection.await(VoiceLeave.class, l -> l.peerId().equals(ben.userId()), TIMEOUT);
        b.connection.await(VoiceLeave.class, l -> l.peerId().equals(ana.userId()), TIMEOUT);
        assertThat(a.about(ben.userId())).last().isInstanceOf(VoiceLeave.class);
        // The call's end takes the camera with it: no voice.video ever took a direction back.
        assertThat(a.about(ben.userId())).filteredOn(VoiceVideo.class::isInstance).hasSizeBetween(1, 2)
                .last().isEqualTo(new VoiceVideo(ben.userId(), true, true));
        assertThat(b.about(ana.userId())).last().isInstanceOf(VoiceLeave.class);
    }

    @Test
    void aMeetingRoomOfFourWithTwoVideoPeersShowsEachTheirTwoNearestAndPlaysEveryone() {
        AuthResponse dee = SERVER.register("dee");
        String space = SERVER.api().createSpace(dee.accessToken(), "Board meeting", "public").id();
        var set = SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", dee.accessToken(),
                new VoiceSettingsView(null, null, null, null, null, null, null, 2), VoiceSettingsView.class);
        assertThat(set.videoPeers()).isEqualTo(2);
        MapProbe map = probe(dee);
        // In a row: 60, 80 and 170 px apart; every choice wins by more than the 16 px margin.
        double[] xs = {1090, 1150, 1230, 1400};
        List<AuthResponse> users = List.of(dee, SERVER.register("eli"), SERVER.register("fay"), SERVER.register("gus"));
        List<Heard> people = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Heard h = enter(users.get(i), space);
            assertThat(map.walk(h.connection, new double[] {xs[i], ROW_Y})).as("a correction on the way")
                    .isNull();
            cameraOn(h);
            people.add(h);
        }
        String a = users.get(0).userId();
        String b = users.get(1).userId();
        String c = users.get(2).userId();
        String d = users.get(3).userId();
        Map<String, Set<String>> nearest = Map.of(a, Set.of(b, c), b, Set.of(a, c), c, Set.of(a, b), d, Set.of(b, c));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (int i = 0; i < people.size(); i++) {
                String me = users.get(i).userId();
                Heard h = people.get(i);
                Set<String> others = new TreeSet<>(nearest.keySet());
                others.remove(me);
                assertThat(h.voiceSet()).as("%s hears everyone in the room", me).isEqualTo(others);
                assertThat(h.receives()).as("%s receives the cameras of the two nearest", me)
                        .isEqualTo(new TreeSet<>(nearest.get(me)));
                for (String peer : others) {
                    assertThat(h.sends().contains(peer)).as("%s sends to %s", me, peer)
                            .isEqualTo(nearest.get(peer).contains(me));
                }
            }
        });
    }

    @Test
    void aRoomWhoseNearestHaveTheirCamerasOffGivesThePlacesToTheNearestWithTheCameraOn() {
        AuthResponse kim = SERVER.register("kim");
        String space = SERVER.api().createSpace(kim.accessToken(), "Cameras off", "public").id();
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", kim.accessToken(),
                new VoiceSettingsView(null, null, null, null, null, null, null, 2), VoiceSettingsView.class);
        MapProbe map = probe(kim);
        // Five in a row, more than the 2 places: Kim, then Lea and Max 40 and 80 px away with their
        // cameras off, then Ned and Ola 160 and 240 px away with theirs on.
        double[] xs = {1090, 1130, 1170, 1250, 1330};
        boolean[] cameras = {false, false, false, true, true};
        List<AuthResponse> users = List.of(kim, SERVER.register("lea"), SERVER.register("max"), SERVER.register("ned"),
                SERVER.register("ola"));
        List<Heard> people = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Heard h = enter(users.get(i), space);
            assertThat(map.walk(h.connection, new double[] {xs[i], ROW_Y})).as("a correction on the way")
                    .isNull();
            if (cameras[i]) {
                cameraOn(h);
            }
            people.add(h);
        }
        Heard k = people.getFirst();
        String lea = users.get(1).userId();
        String max = users.get(2).userId();
        String ned = users.get(3).userId();
        String ola = users.get(4).userId();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(k.voiceSet()).as("Kim hears everyone in the room").containsExactlyInAnyOrder(lea, max, ned, ola);
            assertThat(k.receives()).as("the nearest two with the camera on").containsExactlyInAnyOrder(ned, ola);
        });
        assertThat(people.get(1).sends()).as("Lea's camera is off: it goes to nobody").isEmpty();

        // Lea turns her camera on: she is 200 px nearer than Ola and takes Ola's place.
        cameraOn(people.get(1));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(k.receives()).containsExactlyInAnyOrder(lea, ned);
            assertThat(people.get(1).sends()).contains(k.userId());
            assertThat(people.get(4).sends()).doesNotContain(k.userId());
        });
    }

    @Test
    void cameraAndScreenFlagsReachTheNeighboursAndANewConnectionHearsJoinStateVideoInOrder() throws Exception {
        AuthResponse hal = SERVER.register("hal");
        AuthResponse ivy = SERVER.register("ivy");
        String space = SERVER.api().createSpace(hal.accessToken(), "Show and tell", "public").id();
        Heard h = enter(hal, space);
        Heard i = enter(ivy, space);
        h.connection.await(VoiceJoin.class, j -> j.peerId().equals(ivy.userId()), TIMEOUT);

        h.connection.send(new VoiceCommand.VoiceState(false, true, true, false, null));
        var camera = i.connection.await(ServerMessage.VoiceState.class, s -> s.userId().equals(hal.userId()), TIMEOUT);
        assertThat(camera).isEqualTo(new ServerMessage.VoiceState(hal.userId(), false, true, true, false));
        assertThat(i.connection.await(VoiceVideo.class, v -> v.peerId().equals(hal.userId()), TIMEOUT))
                .as("Hal's camera, now on, goes to Ivy; hers is off").isEqualTo(new VoiceVideo(hal.userId(), false, true));
        await().atMost(TIMEOUT).until(() -> metrics().contains("skyscope_video_links_active 1.0"));
        i.connection.send(new VoiceCommand.VoiceState(true, false, true, false, null));
        h.connection.await(ServerMessage.VoiceState.class, s -> s.userId().equals(ivy.userId()) && s.camera(), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> metrics().contains("skyscope_video_links_active 2.0"));
        assertThat(h.connection.await(VoiceVideo.class, v -> v.peerId().equals(ivy.userId()), TIMEOUT))
                .as("his camera came on first").isEqualTo(new VoiceVideo(ivy.userId(), true, false));
        assertThat(h.connection.await(VoiceVideo.class, v -> v.peerId().equals(ivy.userId()), TIMEOUT))
                .as("then hers").isEqualTo(new VoiceVideo(ivy.userId(), true, true));

        h.connection.send(new VoiceCommand.VoiceState(false, false, true, true, null));
        assertThat(i.connection.await(ServerMessage.VoiceState.class, s -> s.userId().equals(hal.userId()), TIMEOUT)
                .screen()).isTrue();
        await().atMost(TIMEOUT).until(() -> metrics().contains("skyscope_screen_shares_active 1.0"));

        // Ivy connects again: the new connection hears of Hal's call, flags and camera in that order.
        Heard again = enter(ivy, space);
        again.connection.await(VoiceVideo.class, v -> v.peerId().equals(hal.userId()), TIMEOUT);
        assertThat(again.about(hal.userId())).containsExactly(
                new VoiceJoin(hal.userId(), again.offers(hal.userId()), "proximity", "sendrecv"),
                new ServerMessage.VoiceState(hal.userId(), false, false, true, true),
                new VoiceVideo(hal.userId(), true, true));
        // ...and Hal is told to start the call afresh, his camera on it again.
        h.connection.await(VoiceLeave.class, l -> l.peerId().equals(ivy.userId()), TIMEOUT);
        h.connection.await(VoiceJoin.class, j -> j.peerId().equals(ivy.userId()), TIMEOUT);
        assertThat(h.connection.await(VoiceVideo.class, v -> v.peerId().equals(ivy.userId()), TIMEOUT))
                .isEqualTo(new VoiceVideo(ivy.userId(), true, true));

        // A client from before video leaves the flags out: both off, not a refusal.
        h.connection.sendRaw("{\"type\":\"voice.state\",\"muted\":false,\"speaking\":false}");
        assertThat(again.connection.await(ServerMessage.VoiceState.class, s -> s.userId().equals(hal.userId())
                && !s.camera(), TIMEOUT)).isEqualTo(new ServerMessage.VoiceState(hal.userId(), false, false, false, false));
        await().atMost(TIMEOUT).until(() -> metrics().contains("skyscope_screen_shares_active 0.0")
                && metrics().contains("skyscope_video_links_active 1.0"));
    }

    @Test
    void videoPeersOutOfRangeIsRefusedNamingItAndABodyWithoutItKeepsTheDefault() {
        AuthResponse jon = SERVER.register("jon");
        String path = "api/v1/spaces/" + SERVER.api().createSpace(jon.accessToken(), "Quiet", "public").id()
                + "/voice-settings";
        for (int bad : new int[] {17, -1}) {
            var refused = catchThrowableOfType(ApiError.class, () -> SERVER.api().send("PUT", path, jon.accessToken(),
                    new VoiceSettingsView(null, null, null, null, null, null, null, bad), VoiceSettingsView.class));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.field()).isEqualTo("videoPeers");
            assertThat(refused.getMessage()).contains("videoPeers").contains("0").contains("16");
        }
        var off = SERVER.api().send("PUT", path, jon.accessToken(),
                new VoiceSettingsView(null, null, null, null, null, null, null, 0), VoiceSettingsView.class);
        assertThat(off.videoPeers()).as("0: no camera video").isZero();
        var older = SERVER.api().send("PUT", path, jon.accessToken(), new VoiceSettingsView(150.0, null, 6, null,
                null, null, null), VoiceSettingsView.class);
        assertThat(older.videoPeers()).as("a body without the field: the server's default").isEqualTo(VOICE.videoPeers());
        assertThat(older.maxPeers()).isEqualTo(6);
    }

    private static MapProbe probe(AuthResponse user) {
        return new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                user.accessToken(), null, String.class));
    }

    private static String metrics() throws Exception {
        return SERVER.http().send(java.net.http.HttpRequest.newBuilder(SERVER.base().resolve("metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void cameraOn(Heard h) {
        h.connection.send(new VoiceCommand.VoiceState(false, false, true, false, null));
    }

    /** Connects and joins, listening from before the join: the first voice.join may follow the welcome at once. */
    private static Heard enter(AuthResponse user, String spaceId) {
        Connection c = SERVER.connect(user);
        Heard heard = new Heard(c, user.userId());
        c.onMessage(heard::accept);
        c.send(new ClientMessage.Join(spaceId, "join-" + System.nanoTime()));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return heard;
    }

    /** What one connection was told about each peer's link, in order, and the flags as they stand. */
    private record Heard(Connection connection, String userId, Map<String, List<ServerMessage>> byPeer) {
        Heard(Connection connection, String userId) {
            this(connection, userId, new HashMap<>());
        }

        synchronized void accept(ServerMessage m) {
            String peer = switch (m) {
                case VoiceJoin j -> j.peerId();
                case VoiceLeave l -> l.peerId();
                case VoiceVideo v -> v.peerId();
                case ServerMessage.VoiceState s -> s.userId();
                default -> null;
            };
            if (peer != null && !peer.equals(userId)) {
                byPeer.computeIfAbsent(peer, p -> new ArrayList<>()).add(m);
            }
        }

        synchronized List<ServerMessage> about(String peer) {
            return List.copyOf(byPeer.getOrDefault(peer, List.of()));
        }

        double[] position() {
            var me = connection.world().snapshot().self();
            return new double[] {me.x(), me.y()};
        }

        boolean offers(String peer) {
            return userId.compareTo(peer) < 0;
        }

        /** Peers whose last link message was a join. */
        synchronized Set<String> voiceSet() {
            Set<String> peers = new TreeSet<>();
            byPeer.forEach((peer, messages) -> {
                if (lastLink(messages) instanceof VoiceJoin) {
                    peers.add(peer);
                }
            });
            return peers;
        }

        /** Peers whose camera comes on the link as it is now. */
        synchronized Set<String> receives() {
            return flagged(true);
        }

        /** Peers the camera goes to on the link as it is now. */
        synchronized Set<String> sends() {
            return flagged(false);
        }

        private Set<String> flagged(boolean receive) {
            Set<String> peers = new TreeSet<>();
            byPeer.forEach((peer, messages) -> {
                boolean on = false;
                for (ServerMessage m : messages) {
                    if (m instanceof VoiceJoin || m instanceof VoiceLeave) {
                        on = false; // a new link starts with no camera
                    } else if (m instanceof VoiceVideo v) {
                        on = receive ? v.receive() : v.send();
                    }
                }
                if (on) {
                    peers.add(peer);
                }
            });
            return peers;
        }

        private static ServerMessage lastLink(List<ServerMessage> messages) {
            return messages.reversed().stream().filter(m -> m instanceof VoiceJoin || m instanceof VoiceLeave)
                    .findFirst().orElse(null);
        }
    }
}
