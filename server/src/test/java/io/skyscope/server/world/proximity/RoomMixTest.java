package io.skyscope.server.world.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.world.proximity.VoiceEvent.RoomMedia;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Meeting rooms through a media server, as the proximity engine decides them: a room of more
 * people than the mesh size goes to the media server's mix for everyone in it, with no direct
 * links among them; a newcomer joins the mix; it comes back to direct links once it has held the
 * mesh size or fewer for the hold time, and someone in the doorway does not make it flap; without
 * a media server nothing changes.
 */
class RoomMixTest {
    /** Rooms of up to 12, a mesh of 3. */
    private static final VoiceSettings SETTINGS = new VoiceSettings(100, 150, 3, 300, 12, 2, 160, 4, 3);
    private static final String ROOM = "Big Room";
    private final VoiceScene scene = new VoiceScene(SETTINGS, ProximityEngineTest.AREAS);
    private final ProximityEngine engine = scene.engine;

    @Test
    void aRoomBeyondTheMeshGoesToTheMixAndComesBackToDirectLinksAfterTheHold() {
        engine.mediaStages(500);
        enter("a", "b", "c").settle();
        assertThat(engine.linkCount()).as("three in a mesh of three: direct links").isEqualTo(3);
        assertThat(media()).isEmpty();

        scene.events.clear();
        enter("d").settle();
        assertThat(media()).as("the fourth takes everyone to the mix").containsExactlyInAnyOrder(
                in("a"), in("b"), in("c"), in("d"));
        assertThat(engine.mixed(ROOM)).isTrue();
        assertThat(engine.linkCount()).as("the direct links stay while everyone joins the mix").isEqualTo(3);
        assertThat(VoiceScene.joins(scene.events)).as("and none is made for the newcomer").isEmpty();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        assertThat(VoiceScene.leaves(scene.events)).as("the handover ended: the direct links end").hasSize(6);
        assertThat(engine.linkCount()).isZero();

        scene.events.clear();
        enter("e").settle();
        assertThat(scene.events).as("a newcomer joins the mix, nothing else").containsExactly(in("e"));

        scene.events.clear();
        scene.put("e", 500, 100).settle();
        scene.put("d", 700, 900).settle();
        assertThat(scene.events).as("down to the mesh: still mixed while the hold runs")
                .containsExactly(out("e"), out("d"));

        scene.events.clear();
        scene.clock.advance(Duration.ofMillis(RoomMix.HOLD_MILLIS / 2));
        enter("d").settle();
        scene.put("d", 700, 900).settle();
        scene.clock.advance(Duration.ofMillis(RoomMix.HOLD_MILLIS / 2));
        scene.settle();
        assertThat(scene.events).as("someone in the doorway: in and out of the mix, the room stays in it")
                .containsExactly(in("d"), out("d"));

        scene.events.clear();
        scene.clock.advance(Duration.ofMillis(RoomMix.HOLD_MILLIS / 2));
        scene.settle();
        assertThat(VoiceScene.joins(scene.events)).as("the hold ran out: back on direct links").hasSize(6)
                .allMatch(j -> j.reason() == VoiceReason.ROOM);
        assertThat(engine.voiceSet("a")).containsExactlyInAnyOrder("b", "c");
        assertThat(engine.mixed(ROOM)).isFalse();
        assertThat(media()).as("still in the mix while the direct links come up").isEmpty();

        scene.events.clear();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        assertThat(scene.events).as("the handover ended").containsExactlyInAnyOrder(
                new RoomMedia("a", ROOM, false, true), new RoomMedia("b", ROOM, false, true),
                new RoomMedia("c", ROOM, false, true));
    }

    @Test
    void duringTheHandoverWhoWalksOutLeavesTheMixAtOnceAndANewcomerOverTheMeshKeepsEveryoneInIt() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        scene.put("d", 700, 900).settle();
        scene.clock.advance(Duration.ofMillis(RoomMix.HOLD_MILLIS));
        scene.tick(100);
        assertThat(engine.mixed(ROOM)).as("the hold ran out: the handover begins").isFalse();

        scene.events.clear();
        scene.put("c", 500, 100).tick(100);
        assertThat(media()).as("out of the room during the handover").containsExactly(out("c"));

        scene.events.clear();
        enter("c", "e").tick(100);
        assertThat(media()).as("over the mesh again: a and b never left the mix; c and e enter it")
                .containsExactlyInAnyOrder(in("c"), in("e"));
        assertThat(engine.mixed(ROOM)).isTrue();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        assertThat(media()).containsExactlyInAnyOrder(in("c"), in("e"));
        assertThat(engine.linkCount()).as("no direct links in the mix").isZero();
    }

    @Test
    void withoutAMediaServerARoomStaysOnDirectLinks() {
        enter("a", "b", "c", "d", "e").settle();
        assertThat(media()).isEmpty();
        assertThat(engine.linkCount()).isEqualTo(10);
        assertThat(engine.mixed(ROOM)).isFalse();
    }

    @Test
    void leavingTheSpaceLeavesTheMixAndTheLastOneOutEndsIt() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        scene.events.clear();
        engine.remove("a");
        scene.settle();
        assertThat(scene.events).containsExactly(out("a"));

        scene.events.clear();
        engine.remove("b");
        engine.remove("c");
        engine.remove("d");
        scene.settle();
        assertThat(scene.events).containsExactlyInAnyOrder(out("b"), out("c"), out("d"));
        assertThat(engine.mixed(ROOM)).isFalse();
    }

    @Test
    void withoutTheMediaServerAnyMoreAMixedRoomGoesBackToDirectLinksAtOnce() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        scene.events.clear();
        engine.mediaStages(0);
        scene.settle();
        assertThat(media()).containsExactlyInAnyOrder(new RoomMedia("a", ROOM, false, true),
                new RoomMedia("b", ROOM, false, true), new RoomMedia("c", ROOM, false, true),
                new RoomMedia("d", ROOM, false, true));
        assertThat(engine.linkCount()).as("everyone linked directly, as without a media server").isEqualTo(6);
    }

    @Test
    void aMediaOutagePutsAMixedRoomOnDirectLinksAndItsReturnMixesItAgain() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        assertThat(engine.linkCount()).isZero();

        scene.events.clear();
        engine.restartMediaStages(0);
        scene.settle();
        assertThat(media()).as("the media server told them already; its rooms are gone").isEmpty();
        assertThat(engine.mixed(ROOM)).isFalse();
        assertThat(engine.linkCount()).as("everyone linked directly while it is down").isEqualTo(6);

        scene.events.clear();
        engine.restartMediaStages(500);
        scene.settle();
        assertThat(media()).as("back: everyone is sent to a new mix").containsExactlyInAnyOrder(
                in("a"), in("b"), in("c"), in("d"));
        assertThat(engine.mixed(ROOM)).isTrue();
        assertThat(engine.linkCount()).as("the direct links stay while everyone joins the mix").isEqualTo(6);
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();
        assertThat(engine.linkCount()).isZero();
    }

    @Test
    void aSpaceThatSleptThroughAnOutageSendsEveryoneToTheNewMix() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        scene.clock.advance(Duration.ofMillis(RoomMix.HANDOVER_MILLIS));
        scene.settle();

        scene.events.clear();
        engine.restartMediaStages(500);
        scene.settle();
        assertThat(media()).as("the old mix went with the media server: everyone joins the new one")
                .containsExactlyInAnyOrder(in("a"), in("b"), in("c"), in("d"));
        assertThat(engine.mixed(ROOM)).isTrue();
    }

    @Test
    void aHigherMeshSizeSendsTheRoomBackAfterTheHold() {
        engine.mediaStages(500);
        enter("a", "b", "c", "d").settle();
        engine.settings(SETTINGS.withRoomMesh(4));
        scene.settle();
        assertThat(engine.mixed(ROOM)).isTrue();
        scene.clock.advance(Duration.ofMillis(RoomMix.HOLD_MILLIS));
        scene.settle();
        assertThat(engine.mixed(ROOM)).isFalse();
        assertThat(engine.linkCount()).isEqualTo(6);
    }

    /** People walk into the room, a tile and more apart. */
    private VoiceScene enter(String... ids) {
        for (String id : ids) {
            scene.put(id, 1050 + 60 * (id.charAt(0) - 'a'), 450);
        }
        return scene;
    }

    private List<VoiceEvent> media() {
        return scene.events.stream().filter(RoomMedia.class::isInstance).toList();
    }

    private static RoomMedia in(String id) {
        return new RoomMedia(id, ROOM, true, false);
    }

    private static RoomMedia out(String id) {
        return new RoomMedia(id, ROOM, false, false);
    }
}
