package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.ServerMessage.VoiceLeave;
import io.skyscope.protocol.Status;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.VoiceSettingsView;
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
 * Proximity voice over real sockets on the default office map: who gets {@code voice.join} and
 * {@code voice.leave} as people walk, signals relayed within a voice set and refused outside it,
 * mute flags, the stage speaker role and the voice settings route. Walking is fast here (5000 px/s)
 * so that one move crosses the lobby.
 */
class VoiceEndToEndTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    /** Hearing starts within 128 px and stops beyond 160 px. */
    private static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 50, 160);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void walkingOverStartsACallWalkingAwayEndsIt() throws Exception {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        AuthResponse cal = SERVER.register("cal");
        Connection a = SERVER.join(ana, OFFICE);
        Person spawn = a.world().snapshot().self();
        MapProbe probe = probe(ana);
        double[] far = probe.openSpotInLineOfSight(spawn.x(), spawn.y(), 300, null, 0);
        moveAndConfirm(a, far);
        // Cal stands far from both, and from the line Ana will walk along.
        Connection c = SERVER.join(cal, OFFICE);
        double[] elsewhere = probe.openSpotInLineOfSight(spawn.x(), spawn.y(), 250, far, 400);
        moveAndConfirm(c, elsewhere);

        Connection b = SERVER.join(ben, OFFICE);
        var voiceEvents = new CopyOnWriteArrayList<ServerMessage>();
        a.onMessage(m -> keepVoice(m, ben.userId(), voiceEvents));
        b.onMessage(m -> keepVoice(m, ana.userId(), voiceEvents));
        assertThat(b.world().snapshot().person(ana.userId()).x()).isEqualTo(far[0]);
        await().during(Duration.ofMillis(VOICE.debounceMillis() * 3)).atMost(TIMEOUT)
                .until(voiceEvents::isEmpty);

        // Ana walks back to 40 px from Ben: both are told, and exactly one of them offers.
        double[] near = towards(spawn, far, 40);
        moveAndConfirm(a, near);
        VoiceJoin toAna = a.await(VoiceJoin.class, j -> j.peerId().equals(ben.userId()), TIMEOUT);
        VoiceJoin toBen = b.await(VoiceJoin.class, j -> j.peerId().equals(ana.userId()), TIMEOUT);
        assertThat(toAna.offerer()).isNotEqualTo(toBen.offerer());
        assertThat(toAna.offerer()).isEqualTo(ana.userId().compareTo(ben.userId()) < 0);
        assertThat(List.of(toAna.reason(), toBen.reason())).containsOnly("proximity");
        assertThat(List.of(toAna.direction(), toBen.direction())).containsOnly("sendrecv");

        // The offerer's offer and the answer are relayed as they were sent.
        Connection offerer = toAna.offerer() ? a : b;
        Connection answerer = toAna.offerer() ? b : a;
        String offererId = toAna.offerer() ? ana.userId() : ben.userId();
        String answererId = toAna.offerer() ? ben.userId() : ana.userId();
        ObjectNode offer = sdp("offer");
        offerer.send(new VoiceCommand.Signal(answererId, offer, "o1"));
        var relayed = answerer.await(ServerMessage.Signal.class, TIMEOUT);
        assertThat(relayed.from()).isEqualTo(offererId);
        assertThat(relayed.payload()).isEqualTo(offer);
        answerer.send(new VoiceCommand.Signal(offererId, sdp("answer"), "a1"));
        assertThat(offerer.await(ServerMessage.Signal.class, TIMEOUT).payload().get("type").textValue())
                .isEqualTo("answer");

        // The link and its set-up time (voice.join to the answer) are in the metrics.
        await().atMost(TIMEOUT).until(() -> metrics().contains("skyscope_voice_setup_seconds_count"));
        String metrics = metrics();
        assertThat(metrics).containsPattern("skyscope_voice_links_active [1-9]")
                .containsPattern("skyscope_voice_links_established_total [1-9]")
                .containsPattern("skyscope_voice_setup_seconds_count [1-9]");

        // Mute flags reach the people near.
        a.send(new VoiceCommand.VoiceState(true, false, null));
        var muted = b.await(ServerMessage.VoiceState.class, s -> s.userId().equals(ana.userId()), TIMEOUT);
        assertThat(muted.muted()).isTrue();

        // A signal to someone outside the voice set is refused, naming the field.
        a.send(new VoiceCommand.Signal(cal.userId(), offer, "far-1"));
        var refused = a.await(ServerMessage.Error.class, e -> "far-1".equals(e.ref()), TIMEOUT);
        assertThat(refused.code()).isEqualTo("not_in_voice_set");
        assertThat(refused.field()).isEqualTo("to");
        assertThat(c.world().snapshot().people()).containsKey(ana.userId());
        assertThat(voiceEvents).hasSize(2);

        // Ana walks away again: both are told the call is over.
        moveAndConfirm(a, towards(spawn, far, 250));
        assertThat(a.await(VoiceLeave.class, l -> l.peerId().equals(ben.userId()), TIMEOUT).reason())
                .isEqualTo("proximity");
        b.await(VoiceLeave.class, l -> l.peerId().equals(ana.userId()), TIMEOUT);
        b.send(new VoiceCommand.Signal(ana.userId(), offer, "late"));
        assertThat(b.await(ServerMessage.Error.class, e -> "late".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("not_in_voice_set");
    }

    @Test
    void doNotDisturbEndsACallAtOnceAndComingBackRestartsIt() {
        AuthResponse dee = SERVER.register("dee");
        AuthResponse eli = SERVER.register("eli");
        Connection d = SERVER.join(dee, OFFICE);
        Connection e = SERVER.join(eli, OFFICE);
        d.await(VoiceJoin.class, j -> j.peerId().equals(eli.userId()), TIMEOUT);

        e.send(new ClientMessage.StatusChange(Status.DND, "focus", null));
        d.await(VoiceLeave.class, l -> l.peerId().equals(eli.userId()), TIMEOUT);
        e.await(VoiceLeave.class, l -> l.peerId().equals(dee.userId()), TIMEOUT);

        e.send(new ClientMessage.StatusChange(Status.AVAILABLE, null, null));
        d.await(VoiceJoin.class, j -> j.peerId().equals(eli.userId()), TIMEOUT);
    }

    @Test
    void connectingAgainStartsTheCallsAfreshOnBothSides() {
        AuthResponse ida = SERVER.register("ida");
        AuthResponse jay = SERVER.register("jay");
        Connection i = SERVER.join(ida, OFFICE);
        Connection first = SERVER.join(jay, OFFICE);
        VoiceJoin before = i.await(VoiceJoin.class, j -> j.peerId().equals(jay.userId()), TIMEOUT);
        first.await(VoiceJoin.class, j -> j.peerId().equals(ida.userId()), TIMEOUT);

        Connection second = SERVER.join(jay, OFFICE);
        VoiceJoin again = second.await(VoiceJoin.class, j -> j.peerId().equals(ida.userId()), TIMEOUT);
        i.await(VoiceLeave.class, l -> l.peerId().equals(jay.userId()), TIMEOUT);
        VoiceJoin renewed = i.await(VoiceJoin.class, j -> j.peerId().equals(jay.userId()), TIMEOUT);
        assertThat(renewed.offerer()).isEqualTo(before.offerer()).isNotEqualTo(again.offerer());
        second.send(new VoiceCommand.Signal(ida.userId(), sdp(again.offerer() ? "offer" : "answer"), null));
        assertThat(i.await(ServerMessage.Signal.class, TIMEOUT).from()).isEqualTo(jay.userId());
    }

    @Test
    void onlyOwnersAndAdminsGrantTheSpeakerRoleAndChangeVoiceSettings() {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse gil = SERVER.register("gil");
        var space = SERVER.api().createSpace(fay.accessToken(), "Fay's hall", "public");
        Connection f = SERVER.join(fay, space.id());
        Connection g = SERVER.join(gil, space.id());

        g.send(new VoiceCommand.StageSpeaker(gil.userId(), true, "self"));
        var refused = g.await(ServerMessage.Error.class, e -> "self".equals(e.ref()), TIMEOUT);
        assertThat(refused.code()).isEqualTo("forbidden");

        f.send(new VoiceCommand.StageSpeaker(gil.userId(), true, "grant"));
        assertThat(f.await(ServerMessage.Ack.class, a -> "grant".equals(a.ref()), TIMEOUT).of()).isEqualTo("stage.speaker");
        var granted = g.await(ServerMessage.StageSpeaker.class, TIMEOUT);
        assertThat(granted.userId()).isEqualTo(gil.userId());
        assertThat(granted.speaker()).isTrue();

        String path = "api/v1/spaces/" + space.id() + "/voice-settings";
        var update = new VoiceSettingsView(200.0, null, 4, null, null, null, 0.0);
        var forbidden = org.assertj.core.api.Assertions.catchThrowableOfType(io.skyscope.client.ApiError.class,
                () -> SERVER.api().send("PUT", path, gil.accessToken(), update, VoiceSettingsView.class));
        assertThat(forbidden.status()).isEqualTo(403);
        var set = SERVER.api().send("PUT", path, fay.accessToken(), update, VoiceSettingsView.class);
        assertThat(set).isEqualTo(new VoiceSettingsView(200.0, 232.0, 4, VOICE.debounceMillis(),
                VOICE.roomCapacity(), VOICE.stageAudience(), 0.0, VOICE.videoPeers(), VOICE.roomMesh()));
        assertThat(SERVER.api().send("GET", path, gil.accessToken(), null, VoiceSettingsView.class)).isEqualTo(set);
        var bad = org.assertj.core.api.Assertions.catchThrowableOfType(io.skyscope.client.ApiError.class,
                () -> SERVER.api().send("PUT", path, fay.accessToken(),
                        new VoiceSettingsView(200.0, 100.0, null, null, null, null, null), VoiceSettingsView.class));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.getMessage()).contains("leaveRadius");
    }

    @Test
    void withoutStunOrTurnTheWelcomeOffersHostCandidatesOnly() {
        Connection h = SERVER.connect(SERVER.register("hal"));
        h.send(new ClientMessage.Join(OFFICE, "j"));
        assertThat(h.await(ServerMessage.Welcome.class, TIMEOUT).iceServers()).isEmpty();
    }

    private static String metrics() throws Exception {
        return SERVER.http().send(java.net.http.HttpRequest.newBuilder(SERVER.base().resolve("metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Moves, then waits for an ack of a later status change: the owner has applied the move. */
    private static void moveAndConfirm(Connection c, double[] to) {
        c.move(to[0], to[1]);
        String ref = "confirm-" + System.nanoTime();
        Status status = c.world().snapshot().self().status();
        c.send(new ClientMessage.StatusChange(status == null ? Status.AVAILABLE : status,
                c.world().snapshot().self().statusText(), ref));
        c.await(ServerMessage.Ack.class, ack -> ref.equals(ack.ref()), TIMEOUT);
    }

    private static MapProbe probe(AuthResponse user) {
        return new MapProbe(SERVER.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                user.accessToken(), null, String.class));
    }

    /** The point {@code distance} px from {@code from} on the way to {@code to}. */
    private static double[] towards(Person from, double[] to, double distance) {
        double dx = to[0] - from.x();
        double dy = to[1] - from.y();
        double length = Math.hypot(dx, dy);
        return new double[] {from.x() + dx / length * distance, from.y() + dy / length * distance};
    }

    private static ObjectNode sdp(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n");
    }

    /** Keeps the voice events about {@code peer}. */
    private static void keepVoice(ServerMessage m, String peer, List<ServerMessage> into) {
        if (m instanceof VoiceJoin j && j.peerId().equals(peer) || m instanceof VoiceLeave l && l.peerId().equals(peer)) {
            into.add(m);
        }
    }
}
