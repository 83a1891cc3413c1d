package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ApiError;
import io.skyscope.client.voice.Goertzel;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.ServerMessage.MediaJoin;
import io.skyscope.protocol.ServerMessage.MediaLeave;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.protocol.rest.VoiceSettingsView;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.Janus;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A meeting room beyond its mesh size through a real Janus: with the space's mesh size set to 6,
 * eight people in the Boardroom (headless clients, each playing a tone of its own) are all sent to
 * one AudioBridge room, unmuted, with no direct links among them, and each hears the seven others
 * through the mix; someone in the corridor hears nothing. Two walk out: they leave the mix at once,
 * and once the room has held six for the hold time the six left are back on direct links and still
 * hear each other. And Janus dying (killed by its PID) while the eight are mixed: each is told
 * ({@code media_unavailable}) and the room falls back to direct links among all eight; started
 * again, everyone is sent to a new mix and hears the others there. Real WebRTC, all on this host.
 */
@Tag("voice")
class MeetingRoomMediaEndToEndTest {
    static final int PEOPLE = 8;
    static final int MESH = 6;
    static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 50, 160);
    static final double[] CORRIDOR = {344, 620};
    /** Where two walk out to: open space, far from the corridor and from each other. */
    static final double[] LOUNGE = {1840, 1040};
    private static final double[] KITCHEN = {240, 1008};
    /** Far apart, and not harmonics of one another. */
    static final double[] TONES = {340, 460, 580, 700, 820, 940, 1060, 1180};
    /** Each tone at -24 dBFS, so that seven of them mixed stay below full scale. */
    static final double LEVEL_DBFS = -24;
    private static final double HEARD = 100;
    static final Duration HEAR = Duration.ofSeconds(40);
    /** The room's hold (10 s) and time to spare. */
    private static final Duration BACK = Duration.ofSeconds(40);
    /** The check runs every 2 s and a killed Janus refuses at once. */
    private static final Duration TOLD = Duration.ofSeconds(10);

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
    void eightInTheBoardroomHearEachOtherThroughTheMixAndSixGoBackToDirectLinks() {
        var fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String space = SERVER.api().createSpace(fay.accessToken(), "All hands", "public").id();
        List<VoiceClient> everyone = new ArrayList<>();
        try {
            VoiceClient outsider = VoiceClient.join(SERVER, "corridor", space);
            everyone.add(outsider);
            outsider.walk(map, CORRIDOR);
            meshSizeIsTheOwnersAndInRange(space, fay.accessToken(), outsider.user.accessToken());

            List<double[]> seats = map.spots(area(map, "Boardroom"), PEOPLE, CORRIDOR);
            assertThat(seats).as("seats in the Boardroom").hasSize(PEOPLE);
            List<VoiceClient> room = new ArrayList<>();
            long switching = 0;
            for (int i = 0; i < PEOPLE; i++) {
                if (i == MESH) {
                    switching = System.nanoTime(); // the next one in takes the room to the mix
                }
                VoiceClient c = VoiceClient.join(SERVER, "member", space);
                everyone.add(c);
                room.add(c);
                c.audio.play(SignalSource.tone(TONES[i], LEVEL_DBFS));
                c.walk(map, seats.get(i));
            }
            List<MediaJoin> joins = room.stream().map(c -> c.session.await(MediaJoin.class, TIMEOUT)).toList();
            assertThat(joins).allSatisfy(j -> {
                assertThat(j.meetingRoom()).isEqualTo("Boardroom");
                assertThat(j.stage()).isNull();
                assertThat(j.speaker()).as("everyone is heard in a meeting").isTrue();
            });
            assertThat(joins).extracting(MediaJoin::room).as("one room for the Boardroom").containsOnly(joins.get(0).room());
            assertThat(joins).extracting(MediaJoin::roomToken).doesNotHaveDuplicates();

            // Everyone hears the seven others through the mix, and has no direct link left.
            long janusBefore = cpuMillis(JANUS.process().toHandle());
            long jvmBefore = cpuMillis(ProcessHandle.current());
            long wall = System.nanoTime();
            for (int i = 0; i < PEOPLE; i++) {
                VoiceClient listener = room.get(i);
                int me = i;
                await("member " + i + " hears the seven others").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> IntStream.range(0, PEOPLE).filter(j -> j != me)
                                .allMatch(j -> listener.hears(TONES[j], 300) > HEARD));
                await("member " + i + " is on the mix alone").atMost(TIMEOUT)
                        .until(() -> reasons(listener).equals(List.of("media")));
            }
            await("the corridor hears nothing").during(Duration.ofMillis(1500)).atMost(TIMEOUT)
                    .until(() -> Pcm.rms(outsider.audio.recorder().lastMono(500)) < 5);
            assertThat(reasons(outsider)).as("no media room in the corridor").doesNotContain("media");
            double seconds = (System.nanoTime() - wall) / 1e9;
            long janus = cpuMillis(JANUS.process().toHandle()) - janusBefore;
            long jvm = cpuMillis(ProcessHandle.current()) - jvmBefore;
            System.out.printf("meeting room of %d through the mix: Janus %.1f %% of a core, this JVM (server and %d"
                    + " clients) %.1f %% of a core, over %.1f s%n", PEOPLE, 100.0 * janus / 1000 / seconds, PEOPLE + 1,
                    100.0 * jvm / 1000 / seconds, seconds);
            System.out.printf("to the mix: the first member lost the second's tone for at most %d ms%n",
                    longestGap(room.get(0), TONES[1], switching));
            // Nobody gets into the room's mix without the server: a lent join is kicked by the check.
            JanusIntruder.isKickedWithALentJoin(JANUS, joins.get(0));

            // Two walk out: each leaves the mix at once; the room of six stays on it for the hold.
            List<double[]> away = List.of(LOUNGE, KITCHEN);
            for (int i = 0; i < 2; i++) {
                VoiceClient leaver = room.get(PEOPLE - 1 - i);
                leaver.walk(map, away.get(i));
                MediaLeave left = leaver.session.await(MediaLeave.class, TIMEOUT);
                assertThat(left.reason()).isEqualTo("left the room");
                assertThat(left.meetingRoom()).isEqualTo("Boardroom");
            }
            long six = System.nanoTime();
            List<VoiceClient> stayed = room.subList(0, MESH);
            // Awaited as a state, not as messages: a client setting up five calls at once sends more
            // signals than a connection's burst allows, may be disconnected for flooding (4029) and
            // come back, and a media.leave sent meanwhile is not sent again.
            for (int i = 0; i < MESH; i++) {
                VoiceClient listener = stayed.get(i);
                await("member " + i + " has five direct links and is out of the mix").atMost(BACK)
                        .until(() -> listener.engine().snapshot().links().stream()
                                .filter(l -> l.reason().equals("room") && l.state() == LinkState.State.CONNECTED)
                                .count() == MESH - 1 && !reasons(listener).contains("media"));
                if (i == 0) {
                    System.out.printf("six in the room: five calls up and out of the mix after %d ms%n",
                            (System.nanoTime() - six) / 1_000_000);
                }
            }
            assertThat(stayed).as("told why they left the mix").anyMatch(c -> toldBack(c));
            for (int i = 0; i < MESH; i++) {
                VoiceClient listener = stayed.get(i);
                int me = i;
                await("member " + i + " hears the five others directly").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                        .until(() -> IntStream.range(0, MESH).filter(j -> j != me)
                                .allMatch(j -> listener.hears(TONES[j], 300) > HEARD));
            }
            System.out.printf("back to direct links: the first member lost the second's tone for at most %d ms%n",
                    longestGap(room.get(0), TONES[1], six));
            VoiceClient gone = room.get(PEOPLE - 1);
            await("who walked out hears the room no more").atMost(TIMEOUT)
                    .until(() -> gone.hears(TONES[0], 300) < 20 && !reasons(gone).contains("media"));
        } finally {
            everyone.forEach(VoiceClient::close);
        }
    }

    @Test
    void aMixedRoomFallsBackToDirectLinksWhenJanusDiesAndIsMixedAgainWhenItReturns() throws Exception {
        var fay = SERVER.register("fay");
        MapProbe map = MapProbe.defaultOffice(SERVER);
        String space = SERVER.api().createSpace(fay.accessToken(), "All hands, failing over", "public").id();
        SERVER.api().send("PUT", "api/v1/spaces/" + space + "/voice-settings", fay.accessToken(), mesh(MESH),
                VoiceSettingsView.class);
        List<double[]> seats = map.spots(area(map, "Boardroom"), PEOPLE, CORRIDOR);
        List<VoiceClient> room = new ArrayList<>();
        try {
            for (int i = 0; i < PEOPLE; i++) {
                VoiceClient c = VoiceClient.join(SERVER, "member", space);
                room.add(c);
                c.audio.play(SignalSource.tone(TONES[i], LEVEL_DBFS));
                c.walk(map, seats.get(i));
            }
            List<MediaJoin> joins = room.stream().map(c -> c.session.await(MediaJoin.class, TIMEOUT)).toList();
            for (VoiceClient c : room) {
                await("everyone is on the mix alone").atMost(HEAR).until(() -> reasons(c).equals(List.of("media")));
            }

            // Janus dies: everyone is told, and the eight get direct links among them.
            JANUS.kill();
            long killed = System.nanoTime();
            for (VoiceClient c : room) {
                MediaLeave leave = c.session.await(MediaLeave.class, TOLD);
                assertThat(leave.reason()).isEqualTo(MediaReasons.MEDIA_UNAVAILABLE);
                assertThat(leave.meetingRoom()).isEqualTo("Boardroom");
                assertThat(leave.room()).isEqualTo(joins.get(0).room());
            }
            for (VoiceClient c : room) {
                await("seven direct links, no mix").atMost(BACK).until(() -> !reasons(c).contains("media")
                        && c.engine().snapshot().links().stream()
                                .filter(l -> l.reason().equals("room") && l.state() == LinkState.State.CONNECTED)
                                .count() == PEOPLE - 1);
            }
            System.out.printf("Janus killed: all %d in the room on direct links after %d ms%n", PEOPLE,
                    (System.nanoTime() - killed) / 1_000_000);
            hearEachOther(room);

            // Janus comes back: the room goes to a new mix.
            JANUS.start();
            long restarted = System.nanoTime();
            for (VoiceClient c : room) {
                MediaJoin again = c.session.await(MediaJoin.class, j -> j.room() != joins.get(0).room(), BACK);
                assertThat(again.meetingRoom()).isEqualTo("Boardroom");
                assertThat(again.speaker()).isTrue();
            }
            for (VoiceClient c : room) {
                await("on the new mix alone").atMost(BACK).until(() -> reasons(c).equals(List.of("media")));
            }
            System.out.printf("Janus started again: all %d on the new mix alone after %d ms%n", PEOPLE,
                    (System.nanoTime() - restarted) / 1_000_000);
            hearEachOther(room);
        } finally {
            room.forEach(VoiceClient::close);
        }
    }

    static void hearEachOther(List<VoiceClient> room) {
        for (int i = 0; i < room.size(); i++) {
            VoiceClient listener = room.get(i);
            int me = i;
            await("member " + i + " hears the others").atMost(HEAR).pollInterval(Duration.ofMillis(300))
                    .until(() -> IntStream.range(0, room.size()).filter(j -> j != me)
                            .allMatch(j -> listener.hears(TONES[j], 300) > HEARD));
        }
    }

    /** The mesh size is the owner's (or an admin's) to set, from 2 to 50; set to {@value #MESH} here. */
    private static void meshSizeIsTheOwnersAndInRange(String space, String owner, String member) {
        String path = "api/v1/spaces/" + space + "/voice-settings";
        var forbidden = catchThrowableOfType(ApiError.class,
                () -> SERVER.api().send("PUT", path, member, mesh(MESH), VoiceSettingsView.class));
        assertThat(forbidden.status()).isEqualTo(403);
        for (int bad : new int[] {1, VoiceSettings.MAX_ROOM_CAPACITY + 1}) {
            var refused = catchThrowableOfType(ApiError.class,
                    () -> SERVER.api().send("PUT", path, owner, mesh(bad), VoiceSettingsView.class));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.getMessage()).contains("roomMesh");
        }
        assertThat(SERVER.api().send("GET", path, member, null, VoiceSettingsView.class).roomMesh())
                .as("the default").isEqualTo(VoiceSettings.DEFAULT_ROOM_MESH);
        assertThat(SERVER.api().send("PUT", path, owner, mesh(MESH), VoiceSettingsView.class).roomMesh()).isEqualTo(MESH);
    }

    private static boolean toldBack(VoiceClient c) {
        try {
            c.session.await(MediaLeave.class, m -> m.reason().equals("the room is back on direct links"),
                    Duration.ofMillis(100));
            return true;
        } catch (AssertionError lostInAReconnect) {
            return false;
        }
    }

    static VoiceSettingsView mesh(int size) {
        return new VoiceSettingsView(null, null, null, null, null, null, null, null, size);
    }

    static MapArea area(MapProbe map, String name) {
        return map.map().areas().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> reasons(VoiceClient c) {
        return c.engine().snapshot().links().stream().map(LinkState::reason).toList();
    }

    /**
     * The longest stretch, in 40 ms windows, in which {@code c} played no {@code frequency} since
     * {@code since} (System.nanoTime; at most the recorder's last 29 s), once it had been heard: how
     * long a switch between direct links and the mix cut that voice off. A measurement, not a check.
     */
    private static long longestGap(VoiceClient c, double frequency, long since) {
        long millis = Math.min(29_000, (System.nanoTime() - since) / 1_000_000);
        short[] played = c.audio.recorder().last((int) millis);
        int window = 4 * 2 * Pcm.FRAME;
        long longest = 0;
        long run = 0;
        boolean heard = false;
        for (int at = 0; at + window <= played.length; at += window) {
            if (Goertzel.amplitude(played, at, window / 2, 2, frequency, Pcm.SAMPLE_RATE) > HEARD) {
                heard = true;
                run = 0;
            } else if (heard) {
                run += 4 * Pcm.FRAME_MILLIS;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }
}
