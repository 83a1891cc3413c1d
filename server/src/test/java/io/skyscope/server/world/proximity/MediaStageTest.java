package io.skyscope.server.world.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.world.proximity.VoiceEvent.AudienceFull;
import io.skyscope.server.world.proximity.VoiceEvent.Media;
import org.junit.jupiter.api.Test;

/**
 * Stages through a media server, as the proximity engine decides them: no direct links; speakers
 * (the role, wherever they stand in the stage's zone) and listeners up to the media size are put
 * in the stage's room; the floor changes a role without leaving; leaving the zone, the space or
 * the role's zone leaves the room.
 */
class MediaStageTest {
    private final VoiceScene scene = new VoiceScene(ProximityEngineTest.SETTINGS, ProximityEngineTest.AREAS);
    private final ProximityEngine engine = scene.engine;

    @Test
    void theStageGoesThroughTheMediaRoomBeyondTheDirectLimit() {
        engine.mediaStages(3);
        engine.speaker("host", true);
        scene.put("host", 2100, 50).put("l1", 2100, 300).put("l2", 2200, 300).put("l3", 2300, 300).settle();
        assertThat(scene.events).containsExactlyInAnyOrder(
                new Media("host", "Stage", true, true), new Media("l1", "Stage", true, false),
                new Media("l2", "Stage", true, false), new Media("l3", "Stage", true, false));
        assertThat(engine.linkCount()).as("no direct links").isZero();

        scene.events.clear();
        scene.put("l4", 2400, 300).settle();
        assertThat(scene.events).containsExactly(new AudienceFull("l4", "Stage", 3, true));

        scene.events.clear();
        engine.speaker("l1", true);
        scene.settle();
        assertThat(scene.events).as("the floor from the seats, in the same room; l1's seat goes to l4")
                .containsExactlyInAnyOrder(new Media("l1", "Stage", true, true), new Media("l4", "Stage", true, false));

        scene.events.clear();
        scene.put("l2", 2100, 900).settle();
        assertThat(scene.events).as("l2 leaves the audience").containsExactly(new Media("l2", "Stage", false, false));

        scene.events.clear();
        engine.remove("l3");
        engine.remove("l4");
        engine.remove("l1");
        scene.settle();
        engine.remove("host");
        scene.settle();
        assertThat(scene.events).containsExactlyInAnyOrder(new Media("l3", "Stage", false, false),
                new Media("l4", "Stage", false, false), new Media("l1", "Stage", false, true),
                new Media("host", "Stage", false, true));
    }

    @Test
    void whileTheMediaServerIsDownTheStageHasDirectLinksWithTheirLimitAndThenGoesBackToTheRoom() {
        engine.mediaStages(3);
        engine.speaker("host", true);
        scene.put("host", 2100, 50).put("l1", 2100, 300).put("l2", 2200, 300).put("l3", 2300, 300).settle();
        assertThat(scene.events).hasSize(4).allMatch(Media.class::isInstance);

        scene.events.clear();
        engine.restartMediaStages(0);
        scene.settle();
        assertThat(scene.events).as("nobody is told to leave the room here: the media watch told them")
                .noneMatch(Media.class::isInstance);
        assertThat(scene.events).as("the direct limit (2) and its refusal stand")
                .contains(new AudienceFull("l3", "Stage", 2, false));
        assertThat(engine.voiceSet("host")).containsExactlyInAnyOrder("l1", "l2");
        assertThat(engine.voiceSet("l3")).isEmpty();

        scene.events.clear();
        engine.restartMediaStages(3);
        scene.settle();
        assertThat(scene.events).filteredOn(Media.class::isInstance).as("everyone goes back into the room")
                .containsExactlyInAnyOrder(new Media("host", "Stage", true, true), new Media("l1", "Stage", true, false),
                        new Media("l2", "Stage", true, false), new Media("l3", "Stage", true, false));
        assertThat(engine.linkCount()).as("the direct links end").isZero();
        assertThat(VoiceScene.leaves(scene.events)).hasSize(4);
    }
}
