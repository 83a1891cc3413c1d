package io.skyscope.server.world.proximity;

import static io.skyscope.server.world.proximity.VoiceScene.joins;
import static io.skyscope.server.world.proximity.VoiceScene.leaves;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Someone walking past, faster than the space's {@code walkingSpeed}, keeps the calls they have but
 * starts no new one until they slow down. Settings: join at 100 px, leave at 150 px, 3 peers,
 * 300 ms debounce, walking past above 160 px/s; ticks of 100 ms, so a step of more than 16 px
 * between two ticks is walking, and a walker with no such step for 150 ms has stopped.
 */
class WalkingPastTest {
    static final VoiceSettings SETTINGS = new VoiceSettings(100, 150, 3, 300, 4, 2, 160);

    private final VoiceScene scene = new VoiceScene(SETTINGS, List.of());
    private final ProximityEngine engine = scene.engine;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                        | walking speed | step | calls
            walking past at 200 px/s starts no call       | 160           | 20   | 0
            the same walk with walking past turned off    | 0             | 20   | 1
            strolling past at 150 px/s starts the call    | 160           | 15   | 1
            """)
    void aPasserByStartsNoCallWhileWalking(String what, double walkingSpeed, double step, int calls) {
        engine.settings(SETTINGS.withWalkingSpeed(walkingSpeed));
        scene.put("a", 500, 500).put("b", 200, 560).settle();
        // b walks along a line 60 px from a, in range (100 px) for 160 px of the way: 0.8 s or
        // more at these speeds, well past the debounce. a shifts a pixel a tick, so that a looks
        // round at every tick and finds b too.
        for (int i = 0; 200 + i * step <= 800; i++) {
            scene.put("b", 200 + i * step, 560).put("a", 500 + i % 2, 500).tick(100);
        }
        scene.settle();
        assertThat(joins(scene.events)).as(what).hasSize(2 * calls);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                            | every third tick
            a tick with no step, then a double one            | 0
            a short step, then a long one                     | 10
            """)
    void stepsThatArriveUnevenlyAreStillWalking(String what, double shortStep) {
        scene.put("a", 500, 500).put("b", 200, 560).settle();
        // b walks at 240 px/s on average, but every third tick brings less than 16 px (a client's
        // step report late, or split across two ticks) and the next one makes up for it.
        double x = 200;
        for (int i = 1; x < 800; i++) {
            x += i % 3 == 0 ? shortStep : i % 3 == 1 && i > 1 ? 48 - shortStep : 24;
            if (i % 3 != 0 || shortStep > 0) {
                scene.put("b", x, 560);
            }
            scene.put("a", 500 + i % 2, 500).tick(100);
        }
        scene.settle();
        assertThat(scene.events).as(what).isEmpty();
    }

    @Test
    void aCallStillWaitingForTheDebounceDoesNotStartWhileOneSideWalks() {
        scene.put("a", 500, 500).put("b", 560, 500).tick(100);
        // b stood beside a for one tick (the wait started), then walks round a, 60 px away.
        for (int i = 1; i <= 12; i++) {
            double angle = i * 0.5;
            scene.put("b", 500 + 60 * Math.cos(angle), 500 + 60 * Math.sin(angle)).tick(100);
        }
        assertThat(scene.events).as("walking round a for 1.2 s").isEmpty();
        scene.settle();
        assertThat(engine.linked("a", "b")).as("stopped").isTrue();
    }

    @Test
    void stoppingNextToSomeoneStartsTheCall() {
        scene.put("a", 500, 500).put("b", 200, 500).settle();
        for (int x = 230; x <= 440; x += 30) {
            scene.put("b", x, 500).tick(100);
        }
        assertThat(engine.linked("a", "b")).as("walking up, 300 px/s").isFalse();
        assertThat(scene.tick(100)).as("100 ms without a step: maybe still walking").isEmpty();
        assertThat(scene.tick(100)).as("200 ms: stopped at 60 px, the wait starts").isEmpty();
        assertThat(scene.tick(100)).isEmpty();
        assertThat(scene.tick(100)).isEmpty();
        assertThat(joins(scene.tick(100))).as("after the debounce").hasSize(2);
    }

    @Test
    void aWalkerKeepsTheCallsTheyHaveUpToTheLeaveRadius() {
        scene.put("a", 500, 500).put("b", 520, 500).settle();
        scene.put("c", 640, 540);
        // b walks off to the right at 300 px/s, within 100 px of c all the way (for 500 ms).
        for (int x = 550; x <= 640; x += 30) {
            scene.put("b", x, 500).tick(100);
            assertThat(engine.linked("a", "b")).as("b %d px from a", x - 500).isTrue();
        }
        scene.put("b", 670, 500).tick(100);
        assertThat(engine.linked("b", "c")).as("walking past c").isFalse();
        scene.settle();
        assertThat(engine.linked("a", "b")).as("170 px: past the leave radius").isFalse();
        assertThat(leaves(scene.events)).hasSize(2);
        assertThat(engine.linked("b", "c")).as("stopped 50 px from c").isTrue();
    }

    @Test
    void someoneWhoArrivesNextToAWalkersPartnerMeetsThem() {
        scene.put("p", 500, 500).put("w", 520, 500).settle();
        // In one tick w walks off (keeping the call) and s arrives beside p, looked at after w.
        scene.put("w", 560, 500).put("s", 480, 520);
        scene.settle();
        assertThat(engine.voiceSet("p")).containsExactlyInAnyOrder("w", "s");
    }

    @Test
    void someoneWhoStoppedIsFoundByWhoeverArrivesNext() {
        scene.put("b", 200, 500).settle();
        for (int x = 230; x <= 500; x += 30) {
            scene.put("b", x, 500).tick(100);
        }
        scene.settle();
        // b stands still from now on, so only c's look round can find b.
        scene.put("c", 540, 500).settle();
        assertThat(engine.linked("b", "c")).isTrue();
    }
}
