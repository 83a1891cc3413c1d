package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.client.Connection;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.MediaJoin;
import io.skyscope.protocol.ServerMessage.MediaLeave;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.MediaConfig;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.media.JanusTokens;
import io.skyscope.server.testing.Janus;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The town hall through a real Janus: two speakers on the stage and a seated audience larger than
 * direct links would reach (the direct limit here is 2) each hear both speakers' tones through the
 * AudioBridge's mix; a listener given the floor is then heard by the others on the same
 * connection; someone in the corridor hears nothing; leaving the audience leaves the room; and
 * nobody gets into the room by talking to Janus directly without what the server handed out.
 * And the media server dying mid-talk (killed by its PID): everyone in the room is told, the
 * listeners within the direct-link limit hear the speaker over direct links, the next is told the
 * audience is full, {@code /health} says so; started again, everyone moves back into the mix.
 * Headless clients with synthetic tones, real WebRTC, all on this host.
 */
@Tag("voice")
class StageMediaEndToEndTest {
    /** Listeners in the seats: {@code -Dskyscope.stageListeners=18} for the size. */
    private static final int LISTENERS = Integer.getInteger("skyscope.stageListeners", 6);
    /** Direct links would reach two listeners only. */
    private static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 2, 160);
    private static final double[] CORRIDOR = {344, 620};
    private static final double[] TONES = {440, 700};
    private static final double FLOOR_TONE = 1000;
    private static final Duration HEAR = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The check runs every 2 s and a killed Janus refuses at once; a frozen one would take a request's 5 s more. */
    private static final Duration TOLD = Duration.ofSeconds(10);

    @RegisterExtension
    @Order(1)
    static final Janus JANUS = new Janus();

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE))
            .withMedia(new MediaConfig(JANUS.url(), JANUS.url(), JANUS.apiSecret(), JANUS.tokenSecret(),
                    JANUS.adminKey(), MediaConfig.DEFAULT_STAGE_SIZE, 3600)));

    @Test
    void theAudienceHearsTheStageThroughTheMixAndOnlyThePeopleTheServerSendsGetIn() throws Exception {
        AuthResponse fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String hall = SERVER.api().createSpace(fay.accessToken(), "Town meeting", "public").id();
        Connection owner = SERVER.join(fay, hall);
        List<double[]> seats = spots(map, AreaKind.AUDIENCE, LISTENERS);
        List<double[]> stage = spots(map, AreaKind.STAGE, 2);
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            List<VoiceClient> speakers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                VoiceClient s = VoiceClient.join(SERVER, "speaker", hall);
                everyone.add(s);
                speakers.add(s);
                grant(owner, s, true);
                walk(map, s, stage.get(i));
                s.audio.play(SignalSource.tone(TONES[i]));
            }
            List<VoiceClient> listeners = new ArrayList<>();
            List<MediaJoin> joins = new ArrayList<>();
            long joinStarted = System.nanoTime();
            for (int i = 0; i < LISTENERS; i++) {
                VoiceClient l = VoiceClient.join(SERVER, "listener", hall);
                everyone.add(l);
                listeners.add(l);
                walk(map, l, seats.get(i));
                MediaJoin join = l.session.await(MediaJoin.class, TIMEOUT);
                assertThat(join.speaker()).as("a listener joins muted").isFalse();
                assertThat(join.url()).isEqualTo(JANUS.url());
                joins.add(join);
            }
            assertThat(joins).extracting(MediaJoin::room).as("one room for the stage").containsOnly(joins.get(0).room());
            assertThat(joins).extracting(MediaJoin::roomToken).doesNotHaveDuplicates();
            VoiceClient outsider = VoiceClient.join(SERVER, "corridor", hall);
            everyone.add(outsider);
            walk(map, outsider, CORRIDOR);

            // Every listener hears both speakers through the mix: one stream each.
            long cpuBefore = cpuMillis(JANUS.process().toHandle());
            long clientsBefore = cpuMillis(ProcessHandle.current());
            long wall = System.nanoTime();
            for (VoiceClient l : listeners) {
                await("listener hears both speakers").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> l.hears(TONES[0], 300) > 150 && l.hears(TONES[1], 300) > 150);
                assertThat(l.engine().snapshot().links()).as("no direct links on a media stage").hasSize(1);
            }
            System.out.printf("stage of 2 speakers and %d listeners: all heard both after %d ms%n", LISTENERS,
                    (System.nanoTime() - joinStarted) / 1_000_000);
            for (VoiceClient s : speakers) {
                VoiceClient other = s == speakers.get(0) ? speakers.get(1) : speakers.get(0);
                double otherTone = TONES[speakers.indexOf(other)];
                await("speakers hear each other").atMost(HEAR).until(() -> s.hears(otherTone, 300) > 150);
            }
            await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> Pcm.rms(outsider.audio.recorder().lastMono(500)) < 5);
            assertThat(outsider.engine().snapshot().links()).as("no media room in the corridor")
                    .noneMatch(l -> l.reason().equals("media"));

            // A listener plays a tone while muted: nobody hears it until the floor is given.
            VoiceClient raised = listeners.get(0);
            raised.audio.play(SignalSource.tone(FLOOR_TONE));
            VoiceClient neighbour = listeners.get(1);
            await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> neighbour.hears(FLOOR_TONE, 300) < 40);
            var linkBefore = raised.engine().snapshot().link("media:" + joins.get(0).room());
            grant(owner, raised, true);
            for (VoiceClient other : List.of(neighbour, listeners.get(LISTENERS - 1), speakers.get(0))) {
                await("the floor is heard").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> other.hears(FLOOR_TONE, 300) > 150);
            }
            var linkAfter = raised.engine().snapshot().link("media:" + joins.get(0).room());
            assertThat(linkAfter.setupMillis()).as("the same connection, not a new one").isEqualTo(linkBefore.setupMillis());
            long cpu = cpuMillis(JANUS.process().toHandle()) - cpuBefore;
            long clients = cpuMillis(ProcessHandle.current()) - clientsBefore;
            double seconds = (System.nanoTime() - wall) / 1e9;
            System.out.printf("Janus CPU while %d people were in the room: %.1f %% of a core (%d ms over %.1f s);"
                    + " this JVM (server and all clients): %.1f %% of a core, %.1f %% a client%n",
                    LISTENERS + 2, 100.0 * cpu / 1000 / seconds, cpu, seconds, 100.0 * clients / 1000 / seconds,
                    100.0 * clients / 1000 / seconds / (LISTENERS + 3));
            assertThat(raised.session.await(ServerMessage.StageSpeaker.class,
                    s -> s.userId().equals(raised.id()) && s.speaker(), TIMEOUT)).isNotNull();

            // The last listener walks out to the corridor: out of the room, nothing heard.
            VoiceClient leaver = listeners.get(LISTENERS - 1);
            MediaJoin leaverJoin = joins.get(LISTENERS - 1);
            walk(map, leaver, CORRIDOR);
            assertThat(leaver.session.await(MediaLeave.class, TIMEOUT).room()).isEqualTo(leaverJoin.room());
            await().atMost(TIMEOUT).until(() -> leaver.hears(TONES[0], 300) < 20
                    && leaver.engine().snapshot().links().stream().noneMatch(l -> l.reason().equals("media")));

            // Talking to Janus directly: a forged or expired Janus token opens no session; with a
            // real one, neither a guessed room token nor a revoked one joins the room.
            String forged = new JanusTokens("a secret that is not the shared one", Clock.systemUTC()).audioBridge(600);
            assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), forged, TIMEOUT).createSession())
                    .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
            String expired = new JanusTokens(JANUS.tokenSecret(), Clock.systemUTC())
                    .sign(System.currentTimeMillis() / 1000 - 1, JanusTokens.AUDIOBRIDGE);
            assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), expired, TIMEOUT).createSession())
                    .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
            var raw = JanusApi.withToken(JANUS.url(), leaverJoin.token(), TIMEOUT);
            long session = raw.createSession();
            long handle = raw.attach(session, JanusApi.AUDIOBRIDGE);
            for (String ticket : List.of("0123456789abcdef0123456789abcdef0123456789abcdef", leaverJoin.roomToken())) {
                raw.message(session, handle, JsonNodeFactory.instance.objectNode().put("request", "join")
                        .put("room", leaverJoin.room()).put("token", ticket).put("muted", false), null);
                JsonNode answer = Janus.nextPluginEvent(raw, session);
                assertThat(answer.path("error_code").asInt()).as("refused: %s", answer).isPositive();
            }
            // A join token the server handed out, used by someone else under another participant id:
            // Janus admits it, the server's check kicks them out within seconds.
            // ... and asking Janus to record their audio to a file of their choice writes nothing.
            JanusIntruder.isKickedWithALentJoin(JANUS, joins.get(2), Files.createTempDirectory("skyscope-recording"));
            raw.destroy(session);
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    @Test
    void theStageFallsBackToDirectLinksWhenJanusDiesAndMovesBackWhenItReturns() throws Exception {
        AuthResponse fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String hall = SERVER.api().createSpace(fay.accessToken(), "All hands, failing over", "public").id();
        Connection owner = SERVER.join(fay, hall);
        List<double[]> seats = spots(map, AreaKind.AUDIENCE, 3);
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            assertThat(media().path("status").asText()).isEqualTo("up");
            VoiceClient speaker = VoiceClient.join(SERVER, "speaker", hall);
            everyone.add(speaker);
            grant(owner, speaker, true);
            walk(map, speaker, spots(map, AreaKind.STAGE, 1).get(0));
            speaker.audio.play(SignalSource.tone(TONES[0]));
            List<VoiceClient> listeners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                VoiceClient l = VoiceClient.join(SERVER, "listener", hall);
                everyone.add(l);
                listeners.add(l);
                walk(map, l, seats.get(i));
                l.session.await(MediaJoin.class, TIMEOUT);
            }
            MediaJoin speakerJoin = speaker.session.await(MediaJoin.class, TIMEOUT);
            for (VoiceClient l : listeners) {
                await("listener hears the speaker through the mix").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> l.hears(TONES[0], 300) > 150);
            }

            // Janus dies.
            JANUS.kill();
            long killed = System.nanoTime();
            long slowest = 0;
            for (VoiceClient c : everyone) {
                MediaLeave leave = c.session.await(MediaLeave.class, TOLD);
                slowest = Math.max(slowest, System.nanoTime() - killed);
                assertThat(leave.reason()).isEqualTo(MediaReasons.MEDIA_UNAVAILABLE);
                assertThat(leave.room()).isEqualTo(speakerJoin.room());
            }
            System.out.printf("Janus killed: all %d people in the room were told within %d ms%n", everyone.size(),
                    slowest / 1_000_000);
            JsonNode down = media();
            assertThat(down.path("status").asText()).isEqualTo("down");
            assertThat(down.path("reason").asText()).isNotBlank();
            assertThat(down.path("since").asText()).isNotBlank();

            // Direct links where the mesh allows: the first two listeners; the third is refused.
            for (VoiceClient l : listeners.subList(0, 2)) {
                await("listener hears the speaker over a direct link").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> l.link(speaker) != null && l.link(speaker).state() == LinkState.State.CONNECTED
                                && l.hears(TONES[0], 300) > 150);
                assertThat(l.link(speaker).reason()).isEqualTo("stage");
                assertThat(l.engine().snapshot().links()).noneMatch(link -> link.reason().equals("media"));
            }
            VoiceClient third = listeners.get(2);
            ServerMessage.Error full = third.session.await(ServerMessage.Error.class,
                    e -> ErrorCode.AUDIENCE_FULL.wire().equals(e.code()), TIMEOUT);
            assertThat(full.message()).contains("not answering");
            await("the third listener has no link").atMost(TIMEOUT)
                    .until(() -> third.engine().snapshot().links().isEmpty() && third.hears(TONES[0], 300) < 20);

            // Janus comes back: everyone moves back into a room made afresh.
            JANUS.start();
            long restarted = System.nanoTime();
            for (VoiceClient c : everyone) {
                MediaJoin again = c.session.await(MediaJoin.class, HEAR);
                assertThat(again.room()).as("a new room").isNotEqualTo(speakerJoin.room());
            }
            System.out.printf("Janus started again: all were sent back within %d ms%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            assertThat(media().path("status").asText()).isEqualTo("up");
            for (VoiceClient l : listeners) {
                await("listener hears the speaker through the mix again").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> l.engine().snapshot().links().size() == 1
                                && l.engine().snapshot().links().get(0).reason().equals("media")
                                && l.engine().snapshot().links().get(0).state() == LinkState.State.CONNECTED
                                && l.hears(TONES[0], 300) > 150);
            }
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    /** {@code /health}'s {@code media}. */
    private static JsonNode media() throws Exception {
        var response = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("a media server down does not make the node unhealthy").isEqualTo(200);
        return JSON.readTree(response.body()).path("media");
    }

    private static void grant(Connection owner, VoiceClient who, boolean speaker) {
        String ref = "floor-" + who.id() + "-" + speaker;
        owner.send(new VoiceCommand.StageSpeaker(who.id(), speaker, ref));
        owner.await(ServerMessage.Ack.class, a -> ref.equals(a.ref()), TIMEOUT);
    }

    /** Walks around walls, each step confirmed by the server. */
    private static void walk(MapProbe map, VoiceClient c, double[] to) {
        double[] at = c.position();
        for (double[] waypoint : map.route(at[0], at[1], to[0], to[1])) {
            c.moveTo(waypoint);
        }
        assertThat(c.position()).as("where the server put %s", c.id()).containsExactly(to, org.assertj.core.data.Offset.offset(0.5));
    }

    /** Tile centres in areas of this kind (the Town Hall's), 48 px apart at least, that can be walked to. */
    private static List<double[]> spots(MapProbe map, AreaKind kind, int n) {
        List<double[]> seats = new ArrayList<>();
        for (MapArea area : map.map().areas()) {
            if (area.kind() == kind) {
                seats.addAll(map.spots(area, n - seats.size(), CORRIDOR));
            }
        }
        assertThat(seats).as("spots in the %s", kind).hasSizeGreaterThanOrEqualTo(n);
        return seats.subList(0, n);
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
}
