package io.skyscope.server.world.proximity;

import static io.skyscope.server.world.proximity.VoiceScene.joins;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.server.world.proximity.VoiceEvent.Video;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose camera each person receives, against tables of positions. Settings: join at 100 px, leave
 * at 150 px, 8 peers, 300 ms debounce, rooms of 12, cameras of the 2 nearest. Everyone's camera is
 * on unless a test turns it off.
 */
class VideoSetsTest {
    static final VoiceSettings SETTINGS = new VoiceSettings(100, 150, 8, 300, 12, 10, 0, 2);
    static final List<MapArea> AREAS = List.of(
            new MapArea("Room", AreaKind.MEETING_ROOM, 1000, 0, 400, 300, Map.of()),
            new MapArea("Stage", AreaKind.STAGE, 2000, 0, 300, 100, Map.of()),
            new MapArea("Seats", AreaKind.AUDIENCE, 2000, 100, 600, 400, Map.of("stage", "Stage")));

    private final VoiceScene scene = new VoiceScene(SETTINGS, AREAS).camerasOn();
    private final ProximityEngine engine = scene.engine;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                   | distances of p1..pn from r | r receives
            one link                                 | 40                         | p1
            two links: both                          | 60 40                      | p1 p2
            three links: the two nearest             | 80 40 60                   | p2 p3
            four links, nearest last                 | 90 70 50 30                | p3 p4
            equal distances: the smaller ids         | 50 50 50 50                | p1 p2
            """)
    void eachReceivesTheCamerasOfTheNearestTwoWayLinks(String what, String distances, String expected) {
        double[] d = Arrays.stream(distances.split(" ")).mapToDouble(Double::parseDouble).toArray();
        scene.put("r", 500, 500);
        int[][] directions = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (int i = 0; i < d.length; i++) {
            scene.put("p" + (i + 1), 500 + d[i] * directions[i][0], 500 + d[i] * directions[i][1]);
        }
        scene.settle();
        assertThat(receivesFrom("r", d.length)).as(what).containsExactly(expected.split(" "));
    }

    @Test
    void bothSidesAreToldAfterTheJoinsWithBothFlags() {
        scene.put("amy", 500, 500).put("zed", 540, 500);
        List<VoiceEvent> events = scene.settle();
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 2)).allMatch(VoiceEvent.Joined.class::isInstance);
        assertThat(events.subList(2, 4)).containsExactlyInAnyOrder(
                new Video("amy", "zed", true, true), new Video("zed", "amy", true, true));
    }

    @Test
    void aNearerLinkTakesAPlaceOnlyWhenNearerByTheMargin() {
        engine.settings(SETTINGS.withVideoPeers(1));
        scene.put("r", 500, 500).put("p", 550, 500).put("q", 500, 560).settle();
        assertThat(engine.receivesVideo("r", "p")).isTrue();
        assertThat(engine.receivesVideo("r", "q")).isFalse();

        scene.events.clear();
        scene.put("q", 500, 535).settle();
        assertThat(engine.receivesVideo("r", "p")).as("q is 15 px nearer than p: within the margin").isTrue();
        assertThat(videos(scene.events)).isEmpty();

        scene.put("q", 500, 530).settle();
        assertThat(engine.receivesVideo("r", "q")).as("q is 20 px nearer").isTrue();
        assertThat(engine.receivesVideo("r", "p")).isFalse();
        assertThat(videos(scene.events)).as("one pair of events for each pair that changed").containsExactlyInAnyOrder(
                new Video("r", "p", engine.receivesVideo("p", "r"), false),
                new Video("p", "r", false, engine.receivesVideo("p", "r")),
                new Video("r", "q", engine.receivesVideo("q", "r"), true),
                new Video("q", "r", true, engine.receivesVideo("q", "r")));
    }

    @Test
    void swayingAtAboutTheSameDistanceDoesNotMakeTheVideoFlap() {
        engine.settings(SETTINGS.withVideoPeers(1));
        scene.put("r", 500, 500).put("p", 550, 500).put("q", 500, 555).settle();
        scene.events.clear();
        for (int i = 0; i < 40; i++) {
            scene.put("q", 500, i % 2 == 0 ? 540 : 560).put("p", i % 3 == 0 ? 545 : 555, 500).tick(100);
        }
        assertThat(videos(scene.events)).isEmpty();
    }

    @Test
    void aLinkThatEndsTakesItsCameraAlongAndFreesThePlaceForTheNextNearest() {
        engine.settings(SETTINGS.withVideoPeers(1));
        scene.put("r", 500, 500).put("p", 530, 500).put("q", 500, 580).settle();
        assertThat(engine.receivesVideo("r", "p")).isTrue();
        scene.events.clear();

        // Do-not-disturb ends p's calls at once (walking away would move the camera to q first).
        engine.doNotDisturb("p", true);
        scene.settle();
        assertThat(engine.linked("r", "p")).isFalse();
        assertThat(videos(scene.events)).as("no voice.video for a link that ended").noneMatch(
                v -> v.peerId().equals("p") || v.userId().equals("p"));
        assertThat(videos(scene.events)).contains(new Video("r", "q", true, true));

        engine.doNotDisturb("p", false);
        scene.settle();
        assertThat(engine.receivesVideo("r", "p")).as("q holds the place; p comes back nearer by the margin")
                .isTrue();
    }

    @Test
    void oneWayStageLinksCarryNoVideoButSpeakersSeeEachOther() {
        engine.speaker("host", true);
        scene.put("host", 2100, 50).put("l1", 2100, 300).settle();
        assertThat(engine.linked("host", "l1")).isTrue();
        assertThat(videos(scene.events)).isEmpty();

        engine.speaker("l1", true);
        scene.put("l1", 2200, 50).settle();
        assertThat(engine.link("host", "l1")).hasValue(new VoiceLink(VoiceReason.STAGE, null));
        assertThat(engine.receivesVideo("host", "l1")).isTrue();
        assertThat(engine.receivesVideo("l1", "host")).isTrue();
    }

    @Test
    void aRoomOfFourShowsEachTheirTwoNearestAndNewSettingsApplyAtTheNextTick() {
        // In a row 60 px apart: a b c d.
        scene.put("a", 1050, 100).put("b", 1110, 100).put("c", 1170, 100).put("d", 1230, 100).settle();
        assertThat(engine.voiceSet("a")).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(receivesFrom("a", "b", "c", "d")).containsExactly("b", "c");
        assertThat(receivesFrom("b", "a", "c", "d")).containsExactly("a", "c");
        assertThat(receivesFrom("c", "a", "b", "d")).containsExactly("b", "d");
        assertThat(receivesFrom("d", "a", "b", "c")).containsExactly("b", "c");
        assertThat(engine.videoPairCount()).isEqualTo(8);

        engine.settings(SETTINGS.withVideoPeers(1));
        scene.events.clear();
        scene.tick(100);
        assertThat(receivesFrom("a", "b", "c", "d")).containsExactly("b");
        assertThat(receivesFrom("d", "a", "b", "c")).containsExactly("c");
        assertThat(engine.videoAudience("b")).as("a and c").isEqualTo(2);
        assertThat(videos(scene.events)).contains(new Video("a", "c", false, false), new Video("c", "a", false, false));

        engine.settings(SETTINGS.withVideoPeers(0));
        scene.tick(100);
        assertThat(engine.videoPairCount()).as("no camera video in the space").isZero();
        assertThat(joins(scene.events)).as("the voice links stay").isEmpty();
    }

    @Test
    void aRoomWhoseNearestHaveTheirCamerasOffShowsTheNearestWithTheCameraOn() {
        // Ten in the room, videoPeers 4: around r, n1..n4 sit 30 px away with cameras off, f1..f5
        // 90 to 130 px away with cameras on.
        engine.settings(SETTINGS.withVideoPeers(4));
        scene.put("r", 1200, 150);
        int[][] directions = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (int i = 0; i < 4; i++) {
            scene.put("n" + (i + 1), 1200 + 30 * directions[i][0], 150 + 30 * directions[i][1]);
            engine.camera("n" + (i + 1), false);
        }
        for (int i = 0; i < 5; i++) {
            double d = 90 + 10 * i;
            scene.put("f" + (i + 1), 1200 + d * directions[i % 4][0], 150 + d * directions[i % 4][1]);
        }
        scene.settle();
        assertThat(engine.voiceSet("r")).hasSize(9);
        String[] everyone = {"n1", "n2", "n3", "n4", "f1", "f2", "f3", "f4", "f5"};
        assertThat(receivesFrom("r", everyone)).as("the four nearest with the camera on")
                .containsExactly("f1", "f2", "f3", "f4");
        assertThat(engine.videoAudience("n1")).as("a camera that is off goes to nobody").isZero();

        // n1 turns the camera on: at the next tick it takes the place of the furthest (f4, 120 px).
        scene.events.clear();
        engine.camera("n1", true);
        scene.tick(100);
        assertThat(receivesFrom("r", everyone)).containsExactly("n1", "f1", "f2", "f3");
        assertThat(videos(scene.events)).containsAll(told("r", "n1", true)).containsAll(told("r", "f4", false));

        // ...and off again: the place goes back to f4, and both sides are told.
        scene.events.clear();
        engine.camera("n1", false);
        scene.tick(100);
        assertThat(receivesFrom("r", everyone)).containsExactly("f1", "f2", "f3", "f4");
        assertThat(videos(scene.events)).containsAll(told("r", "n1", false)).containsAll(told("r", "f4", true));
        assertThat(engine.videoAudience("n1")).isZero();
        assertThat(joins(scene.events)).as("the voice links stay").isEmpty();
    }

    @Test
    void someoneWithTheCameraOffMovingCloserChangesNothing() {
        engine.settings(SETTINGS.withVideoPeers(1));
        // q on the other side of r: p stays out of q's reach.
        scene.put("r", 500, 500).put("p", 560, 500).put("q", 410, 500).settle();
        engine.camera("p", false);
        scene.settle();
        assertThat(engine.receivesVideo("r", "q")).isTrue();
        scene.events.clear();
        scene.put("p", 520, 500).settle();
        assertThat(engine.receivesVideo("r", "p")).isFalse();
        assertThat(videos(scene.events)).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3", "4"})
    void invariantsHoldThroughRandomWalks(long seed) {
        var random = new Random(seed);
        int n = 30;
        double[][] at = new double[n][2];
        Map<String, boolean[]> told = new HashMap<>();
        for (int i = 0; i < n; i++) {
            // Open space and the room, which fills up to everyone hearing everyone.
            at[i] = new double[] {random.nextDouble() * 1300, random.nextDouble() * 300};
            scene.put("u" + i, at[i][0], at[i][1]);
        }
        for (int step = 0; step < 150; step++) {
            for (int k = 0; k < 6; k++) {
                int i = random.nextInt(n);
                double[] to = {Math.clamp(at[i][0] + random.nextGaussian() * 25, 0, 1399),
                        Math.clamp(at[i][1] + random.nextGaussian() * 25, 0, 299)};
                if (engine.roomFull("u" + i, to[0], to[1]).isEmpty()) {
                    at[i] = to;
                    scene.put("u" + i, to[0], to[1]);
                }
            }
            if (step == 70) {
                engine.settings(SETTINGS.withVideoPeers(3));
            }
            if (step >= 30 && random.nextInt(3) == 0) { // from then on, cameras go on and off now and then
                String id = "u" + random.nextInt(n);
                engine.camera(id, !engine.member(id).camera);
            }
            for (VoiceEvent e : scene.tick(100)) {
                switch (e) {
                    case VoiceEvent.Joined j -> told.put(j.userId() + "|" + j.peerId(), new boolean[2]);
                    case VoiceEvent.Left l -> told.remove(l.userId() + "|" + l.peerId());
                    case Video v -> told.put(v.userId() + "|" + v.peerId(), new boolean[] {v.send(), v.receive()});
                    case VoiceEvent.AudienceFull _, VoiceEvent.Media _, VoiceEvent.RoomMedia _ -> {
                    }
                }
            }
            checkInvariants(n, step < 70 ? 2 : 3, told);
        }
    }

    /**
     * Everyone receives the cameras of as many two-way links with the camera on as there are
     * places, none with the camera off, no link left out is nearer than one chosen by more than the
     * margin, and what the clients were told matches.
     */
    private void checkInvariants(int n, int places, Map<String, boolean[]> told) {
        int pairs = 0;
        Map<String, Integer> audience = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String r = "u" + i;
            VoiceMember rm = engine.member(r);
            List<VoiceMember> twoWay = new ArrayList<>();
            for (var link : engine.links(r).entrySet()) {
                VoiceMember peer = engine.member(link.getKey());
                boolean receives = engine.receivesVideo(r, peer.id);
                assertThat(link.getValue().mutual() || !receives).as("%s receives %s over a one-way link", r, peer.id)
                        .isTrue();
                assertThat(peer.camera || !receives).as("%s receives %s's camera, which is off", r, peer.id)
                        .isTrue();
                if (link.getValue().mutual() && peer.camera) {
                    twoWay.add(peer);
                }
                assertThat(told.get(r + "|" + peer.id)).as("what %s was told of %s", r, peer.id)
                        .containsExactly(engine.receivesVideo(peer.id, r), receives);
                assertThat((rm.linked.video(peer) & Links.SENDS) != 0).as("both sides of %s-%s agree", r, peer.id)
                        .isEqualTo(engine.receivesVideo(peer.id, r));
                if (receives) {
                    audience.merge(peer.id, 1, Integer::sum);
                }
            }
            long cameras = twoWay.stream().filter(p -> engine.receivesVideo(r, p.id)).count();
            assertThat(cameras).as("cameras %s receives", r).isEqualTo(Math.min(places, twoWay.size()));
            pairs += (int) cameras;
            double furthestChosen = 0;
            double nearestLeftOut = Double.MAX_VALUE;
            for (VoiceMember p : twoWay) {
                if (engine.receivesVideo(r, p.id)) {
                    furthestChosen = Math.max(furthestChosen, rm.distanceTo(p));
                } else {
                    nearestLeftOut = Math.min(nearestLeftOut, rm.distanceTo(p));
                }
            }
            assertThat(furthestChosen).as("%s: a link left out is nearer by more than the margin", r)
                    .isLessThanOrEqualTo(nearestLeftOut + VideoSets.MARGIN);
        }
        assertThat(engine.videoPairCount()).isEqualTo(pairs);
        for (int i = 0; i < n; i++) {
            assertThat(engine.videoAudience("u" + i)).as("people receiving u%d's camera", i)
                    .isEqualTo(audience.getOrDefault("u" + i, 0));
        }
    }

    /** The two events telling {@code r} and {@code s} whether {@code r} receives {@code s}'s camera now. */
    private List<Video> told(String r, String s, boolean receives) {
        boolean back = engine.receivesVideo(s, r);
        return List.of(new Video(r, s, back, receives), new Video(s, r, receives, back));
    }

    /** Of {@code peers}, those whose camera {@code receiver} receives, in order. */
    private List<String> receivesFrom(String receiver, String... peers) {
        return Arrays.stream(peers).filter(p -> engine.receivesVideo(receiver, p)).toList();
    }

    private List<String> receivesFrom(String receiver, int peers) {
        String[] ids = new String[peers];
        Arrays.setAll(ids, i -> "p" + (i + 1));
        return receivesFrom(receiver, ids);
    }

    private static List<Video> videos(List<VoiceEvent> events) {
        return events.stream().filter(Video.class::isInstance).map(Video.class::cast).toList();
    }
}
