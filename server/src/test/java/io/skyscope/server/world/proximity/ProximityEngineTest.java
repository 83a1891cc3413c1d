package io.skyscope.server.world.proximity;

import static io.skyscope.server.world.proximity.VoiceScene.joins;
import static io.skyscope.server.world.proximity.VoiceScene.leaves;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.server.world.proximity.VoiceEvent.AudienceFull;
import io.skyscope.server.world.proximity.VoiceEvent.Joined;
import io.skyscope.server.world.proximity.VoiceEvent.Left;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proximity engine against tables of positions. Settings: join at 100 px, leave at 150 px,
 * 3 peers at most, 300 ms debounce, rooms of 4, stage audiences of 2.
 */
class ProximityEngineTest {
    static final VoiceSettings SETTINGS = new VoiceSettings(100, 150, 3, 300, 4, 2, 160);

    /** Open space is everywhere but these areas. */
    static final List<MapArea> AREAS = List.of(
            new MapArea("Boardroom", AreaKind.MEETING_ROOM, 1000, 0, 400, 300, Map.of("capacity", 3)),
            new MapArea("Big Room", AreaKind.MEETING_ROOM, 1000, 400, 400, 300, Map.of()),
            new MapArea("Library", AreaKind.SILENT_ZONE, 0, 1000, 300, 300, Map.of()),
            new MapArea("Stage", AreaKind.STAGE, 2000, 0, 300, 100, Map.of()),
            new MapArea("Seats", AreaKind.AUDIENCE, 2000, 100, 600, 400, Map.of("stage", "Stage")),
            new MapArea("Orphan Seats", AreaKind.AUDIENCE, 3000, 0, 100, 100, Map.of("stage", "Nowhere")));

    private final VoiceScene scene = new VoiceScene(SETTINGS, AREAS);
    private final ProximityEngine engine = scene.engine;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                  | ax  | ay  | bx   | by  | linked
            side by side                            | 500 | 500 | 510  | 500 | true
            just inside the join radius             | 500 | 500 | 599  | 500 | true
            on the join radius                      | 500 | 500 | 600  | 500 | true
            just beyond the join radius             | 500 | 500 | 601  | 500 | false
            between join and leave radius           | 500 | 500 | 640  | 500 | false
            diagonal 99 px                          | 500 | 500 | 570  | 570 | true
            far apart                               | 500 | 500 | 900  | 900 | false
            across the wall of a meeting room       | 990 | 100 | 1010 | 100 | false
            both in the same meeting room, far      | 1010| 10  | 1390 | 290 | true
            in two different meeting rooms          | 1200| 290 | 1200 | 410 | false
            both in the silent zone                 | 100 | 1100| 110  | 1100| false
            one in the silent zone, one just out    | 290 | 1100| 310  | 1100| false
            both in the audience, nobody speaking   | 2100| 200 | 2110 | 200 | false
            in an audience whose stage is missing   | 3010| 10  | 3020 | 10  | false
            """)
    void whoHearsWhomByPositionAndArea(String what, double ax, double ay, double bx, double by, boolean linked) {
        scene.put("a", ax, ay).put("b", bx, by).settle();
        assertThat(engine.linked("a", "b")).as(what).isEqualTo(linked);
        assertThat(engine.linked("b", "a")).isEqualTo(linked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                        | start | then | linked
            linked, steps back into the band              | 90    | 140  | true
            linked, steps back to the leave radius        | 90    | 150  | true
            linked, steps past the leave radius           | 90    | 151  | false
            apart, comes into the band only               | 160   | 120  | false
            apart, comes within the join radius           | 160   | 100  | true
            """)
    void hysteresisJoinsAtTheSmallerRadiusAndLeavesAtTheLarger(String what, double start, double then,
                                                               boolean linked) {
        scene.put("a", 500, 500).put("b", 500 + start, 500).settle();
        scene.put("b", 500 + then, 500).settle();
        assertThat(engine.linked("a", "b")).as(what).isEqualTo(linked);
    }

    @Test
    void walkingToAndFroAcrossTheBoundaryDoesNotMakeTheCallFlap() {
        scene.put("a", 500, 500).put("b", 700, 500).settle();
        // b sways between 95 and 105 px away for four seconds, a step per tick.
        for (int i = 0; i < 40; i++) {
            scene.put("b", 500 + (i % 2 == 0 ? 95 : 105), 500).tick(100);
        }
        assertThat(joins(scene.events)).hasSize(2);
        assertThat(leaves(scene.events)).isEmpty();
        // Darting in and out of range faster than the debounce makes no call at all.
        scene.put("c", 500, 900).put("d", 700, 900).settle();
        scene.events.clear();
        for (int i = 0; i < 40; i++) {
            scene.put("d", i % 2 == 0 ? 550 : 700, 900).tick(100);
        }
        assertThat(scene.events).isEmpty();
    }

    @Test
    void aChangeWaitsForTheDebounce() {
        scene.put("a", 500, 500).put("b", 550, 500);
        assertThat(scene.tick(100)).isEmpty();
        assertThat(scene.tick(100)).isEmpty();
        assertThat(scene.tick(100)).isEmpty();
        assertThat(joins(scene.tick(100))).hasSize(2);
        assertThat(engine.linked("a", "b")).isTrue();
    }

    @Test
    void bothSidesAreToldAndExactlyOneOffers() {
        scene.put("zed", 500, 500).put("amy", 550, 500);
        List<Joined> joins = joins(scene.settle());
        assertThat(joins).containsExactlyInAnyOrder(
                new Joined("amy", "zed", true, VoiceReason.PROXIMITY, "sendrecv"),
                new Joined("zed", "amy", false, VoiceReason.PROXIMITY, "sendrecv"));
    }

    @ParameterizedTest(name = "{0} people around one: {1} links")
    @CsvSource({"1, 1", "2, 2", "3, 3", "4, 3", "12, 3"})
    void aCrowdIsCappedAtTheNearestPeers(int around, int expected) {
        scene.put("centre", 500, 500);
        for (int i = 0; i < around; i++) {
            double angle = 2 * Math.PI * i / around;
            double r = 30 + 5 * i;
            scene.put("p" + i, 500 + r * Math.cos(angle), 500 + r * Math.sin(angle));
        }
        scene.settle();
        assertThat(engine.voiceSet("centre")).hasSize(expected);
        if (around >= 3) {
            assertThat(engine.voiceSet("centre")).contains("p0", "p1");
        }
    }

    @Test
    void nobodyInADenseCrowdHasMoreThanTheCapAndNobodyIsLeftAlone() {
        for (int i = 0; i < 40; i++) {
            scene.put("u" + i, 500 + (i % 8) * 12, 500 + (i / 8) * 12);
        }
        scene.settle();
        scene.settle();
        for (int i = 0; i < 40; i++) {
            assertThat(engine.voiceSet("u" + i)).hasSizeBetween(1, SETTINGS.maxPeers());
        }
    }

    @Test
    void aMuchNearerNewcomerTakesTheFurthestPlaceButASlightlyNearerOneDoesNot() {
        scene.put("centre", 500, 500).put("p1", 580, 500).put("p2", 500, 580).put("p3", 420, 500).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p2", "p3");
        scene.put("slightly", 500, 430).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p2", "p3");
        scene.put("close", 510, 500).settle();
        assertThat(engine.voiceSet("centre")).hasSize(3).contains("close");
        assertThat(leaves(scene.events)).hasSize(2);
    }

    /** The centre's links at 80, 80 and 90 px (p2); Sam, 70 px away, asks and is turned away. */
    private void centreFullAndSamTurnedAway() {
        scene.put("centre", 500, 500).put("p1", 580, 500).put("p3", 420, 500).put("p2", 500, 590).settle();
        scene.put("sam", 500, 430).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p2", "p3");
    }

    @Test
    void aFurthestLinkThatSteppedNearerIsNoLongerTheOneANewcomerCanTake() {
        centreFullAndSamTurnedAway();
        // p2 steps to 20 px: the furthest link is now at 80 px, ranking at 30. Ned, 35 px away, is
        // not nearer than that, though he would have been nearer than p2 where p2 stood.
        scene.put("p2", 500, 520).settle();
        scene.put("ned", 500, 465).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p2", "p3");
    }

    @Test
    void aFurthestLinkThatEndedIsNoLongerTheOneANewcomerCanTake() {
        centreFullAndSamTurnedAway();
        // p2, the furthest, goes do-not-disturb without moving: the centre takes Sam, at 70 px, in
        // p2's place. Ned, 35 px away, is not nearer than the new furthest (80 px, ranking at 30),
        // so he takes the three next nearest, who all have room.
        engine.doNotDisturb("p2", true);
        scene.settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p3", "sam");
        scene.put("ned", 500, 465).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p3", "sam");
        assertThat(engine.voiceSet("ned")).containsExactlyInAnyOrder("sam", "p1", "p3");
    }

    @Test
    void whenAFullPersonStepsANewcomerJustNearerThanTheirFurthestLinkLessTheBandTakesItsPlace() {
        // Links at 80, 80 and 85 px rank at 30, 30 and 35 (50 px band): Ned, 35.1 px away, is not nearer.
        scene.put("centre", 500, 500).put("p1", 580, 500).put("p3", 420, 500).put("p2", 500, 585).settle();
        scene.put("ned", 500, 464.9).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p2", "p3");
        // A step of 0.2 px: p2 now ranks at 35.2 and Ned, 34.9 px away, is nearer. Only the centre
        // moved, so only their own look around can find him, at the edge of where a newcomer can win.
        scene.put("centre", 500, 499.8).settle();
        assertThat(engine.voiceSet("centre")).containsExactlyInAnyOrder("p1", "p3", "ned");
    }

    @Test
    void aMeetingRoomLinksEveryoneInsideAndRefusesThePersonOverCapacity() {
        scene.put("a", 1010, 10).put("b", 1390, 10).put("c", 1200, 290).put("outside", 990, 10).settle();
        assertThat(engine.voiceSet("a")).containsExactlyInAnyOrder("b", "c");
        assertThat(joins(scene.events)).allMatch(j -> j.reason() == VoiceReason.ROOM);
        // The Boardroom says capacity 3, below the configured 4: it is full.
        assertThat(engine.roomFull("outside", 1020, 20)).hasValueSatisfying(full -> {
            assertThat(full.capacity()).isEqualTo(3);
            assertThat(full.room().name()).isEqualTo("Boardroom");
        });
        assertThat(engine.roomFull("a", 1030, 30)).as("someone inside walks about").isEmpty();
        assertThat(engine.roomFull("outside", 500, 500)).isEmpty();
        // The Big Room has no capacity of its own: the configured 4 applies.
        for (int i = 0; i < 4; i++) {
            assertThat(engine.roomFull("r" + i, 1100, 500)).isEmpty();
            scene.put("r" + i, 1100 + i * 10, 500);
        }
        assertThat(engine.roomFull("r4", 1100, 500)).hasValueSatisfying(f -> assertThat(f.capacity()).isEqualTo(4));
        scene.put("c", 990, 290).settle();
        assertThat(engine.roomFull("outside", 1020, 20)).isEmpty();
        assertThat(engine.voiceSet("a")).containsExactly("b");
    }

    @Test
    void walkingIntoASilentZoneEndsTheCallAtOnce() {
        scene.put("a", 310, 1100).put("b", 360, 1100).settle();
        assertThat(engine.linked("a", "b")).isTrue();
        scene.put("a", 290, 1100);
        assertThat(leaves(scene.tick(100))).hasSize(2);
    }

    @Test
    void doNotDisturbJoinsNoVoiceSetAndCutsCallsAtOnce() {
        scene.put("a", 500, 500).put("b", 520, 500).put("c", 480, 500).settle();
        engine.doNotDisturb("a", true);
        assertThat(leaves(scene.tick(100))).hasSize(4);
        assertThat(engine.voiceSet("a")).isEmpty();
        assertThat(engine.linked("b", "c")).isTrue();
        scene.put("d", 510, 510).settle();
        assertThat(engine.voiceSet("a")).isEmpty();
        engine.doNotDisturb("a", false);
        scene.settle();
        assertThat(engine.voiceSet("a")).isNotEmpty();
    }

    @Test
    void aCallWaitingToEndEndsAtOnceWhenOneSideGoesDoNotDisturb() {
        scene.put("a", 500, 500).put("b", 520, 500).settle();
        scene.put("b", 800, 500);
        assertThat(scene.tick(100)).as("still within the debounce").isEmpty();
        engine.doNotDisturb("a", true);
        assertThat(scene.tick(100)).containsExactlyInAnyOrder(
                new Left("a", "b", VoiceReason.PROXIMITY), new Left("b", "a", VoiceReason.PROXIMITY));
    }

    @Test
    void aWallClockSetBackHoldsUpNoChangeThatHasWaitedLongEnough() {
        // b's 250 px step would count as walking past (WalkingPastTest); this is about the clock.
        engine.settings(SETTINGS.withWalkingSpeed(0));
        scene.put("a", 500, 500).put("b", 800, 500);
        scene.tick(100);
        scene.put("b", 550, 500);
        scene.tick(0);
        scene.clock.advance(Duration.ofSeconds(-10));
        scene.put("c", 500, 2000).put("d", 550, 2000);
        scene.tick(300);
        assertThat(joins(scene.tick(100))).as("c and d waited 300 ms; a and b's wait started 'later'")
                .containsExactlyInAnyOrder(
                        new Joined("c", "d", true, VoiceReason.PROXIMITY, "sendrecv"),
                        new Joined("d", "c", false, VoiceReason.PROXIMITY, "sendrecv"));
        assertThat(engine.linked("a", "b")).isFalse();
    }

    @Test
    void leavingTheSpaceEndsEveryCallAtOnce() {
        scene.put("a", 500, 500).put("b", 520, 500).settle();
        engine.remove("b");
        assertThat(scene.tick(100)).containsExactlyInAnyOrder(
                new Left("a", "b", VoiceReason.PROXIMITY), new Left("b", "a", VoiceReason.PROXIMITY));
        assertThat(engine.linkCount()).isZero();
    }

    @Test
    void aStageSpeakerIsHeardByTheAudienceWhoOnlyListen() {
        engine.speaker("host", true);
        scene.put("host", 2100, 50).put("guest", 2200, 50).put("l1", 2100, 300).settle();
        assertThat(joins(scene.events)).containsExactlyInAnyOrder(
                new Joined("host", "l1", true, VoiceReason.STAGE, "sendonly"),
                new Joined("l1", "host", false, VoiceReason.STAGE, "recvonly"),
                new Joined("guest", "host", true, VoiceReason.STAGE, "recvonly"),
                new Joined("host", "guest", false, VoiceReason.STAGE, "sendonly"));
        assertThat(engine.linked("guest", "l1")).as("listeners do not hear each other").isFalse();

        engine.speaker("guest", true);
        scene.events.clear();
        scene.settle();
        assertThat(engine.link("guest", "host")).hasValue(new VoiceLink(VoiceReason.STAGE, null));
        assertThat(engine.link("guest", "l1")).hasValue(new VoiceLink(VoiceReason.STAGE, "guest"));

        engine.speaker("host", false);
        scene.settle();
        assertThat(engine.voiceSet("l1")).containsExactly("guest");
        assertThat(engine.link("host", "guest")).hasValue(new VoiceLink(VoiceReason.STAGE, "guest"));
    }

    @Test
    void aFullAudienceIsToldThatLargerAudiencesNeedAMediaServer() {
        engine.speaker("host", true);
        scene.put("host", 2100, 50).put("l1", 2100, 300).put("l2", 2200, 300).settle();
        scene.put("l3", 2300, 300);
        List<VoiceEvent> got = scene.settle();
        assertThat(got).containsExactly(new AudienceFull("l3", "Stage", 2));
        assertThat(engine.voiceSet("host")).containsExactlyInAnyOrder("l1", "l2");
        scene.put("l3", 2310, 310).settle();
        assertThat(scene.events).filteredOn(AudienceFull.class::isInstance).hasSize(1);

        engine.remove("l1");
        scene.settle();
        assertThat(engine.voiceSet("host")).containsExactlyInAnyOrder("l2", "l3");
    }

    @Test
    void loweringTheCapTrimsToTheNearest() {
        scene.put("centre", 500, 500).put("p1", 520, 500).put("p2", 500, 540).put("p3", 440, 500).settle();
        assertThat(engine.voiceSet("centre")).hasSize(3);
        engine.settings(new VoiceSettings(100, 150, 1, 300, 4, 2, 160));
        scene.settle();
        assertThat(engine.voiceSet("centre")).containsExactly("p1");
        IntStream.rangeClosed(1, 3).forEach(i -> assertThat(engine.voiceSet("p" + i)).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void aMoveByHandleIsAPutByIdAndAHandleKeptAfterLeavingMovesNobody() {
        VoiceMember a = engine.put("a", 500, 500);
        VoiceMember b = engine.put("b", 900, 900);
        assertThat(engine.put("a", 500, 500)).as("the same person, the same handle").isSameAs(a);
        scene.settle();
        engine.move(b, 550, 500);
        scene.settle();
        assertThat(engine.linked("a", "b")).isTrue();
        // Inside the full Boardroom (capacity 3) only people already in it may walk about.
        scene.put("r1", 1010, 10).put("r2", 1020, 10);
        VoiceMember r3 = engine.put("r3", 1030, 10);
        scene.settle();
        assertThat(engine.roomFull(r3, 1100, 100)).isEmpty();
        assertThat(engine.roomFull(a, 1100, 100)).hasValueSatisfying(f -> assertThat(f.capacity()).isEqualTo(3));
        engine.remove("b");
        scene.settle();
        engine.move(b, 510, 500);
        scene.settle();
        assertThat(engine.population()).isEqualTo(4);
        assertThat(engine.voiceSet("a")).isEmpty();
        VoiceMember bAgain = engine.put("b", 510, 500);
        assertThat(bAgain).isNotSameAs(b);
        assertThat(engine.roomFull(b, 1100, 100)).as("a stale handle is nobody").isPresent();
        scene.settle();
        assertThat(engine.linked("a", "b")).isTrue();
    }
}
