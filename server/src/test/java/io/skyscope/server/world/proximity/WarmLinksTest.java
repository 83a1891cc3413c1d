package io.skyscope.server.world.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.world.proximity.WarmEvent.Cool;
import io.skyscope.server.world.proximity.WarmEvent.Warm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Warm links against tables of positions, with {@link ProximityEngineTest}'s settings and areas:
 * join at 100 px, leave at 150 px, so warm within 250 px and out to 300 px.
 */
class WarmLinksTest {
    private final VoiceScene scene = new VoiceScene(ProximityEngineTest.SETTINGS, ProximityEngineTest.AREAS);
    private final ProximityEngine engine = scene.engine;
    private final List<WarmEvent> warmEvents = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                  | ax  | ay  | bx   | by  | bWarm | warm
            within the join radius                  | 500 | 500 | 560  | 500 | true  | true
            between the join and warm radius        | 500 | 500 | 700  | 500 | true  | true
            on the warm radius                      | 500 | 500 | 750  | 500 | true  | true
            just beyond the warm radius             | 500 | 500 | 751  | 500 | true  | false
            the other client makes no warm links    | 500 | 500 | 560  | 500 | false | false
            both in the same meeting room           | 1010| 10  | 1100 | 10  | true  | false
            one in the room, one outside its wall   | 990 | 100 | 1010 | 100 | true  | false
            both in the silent zone                 | 100 | 1100| 110  | 1100| true  | false
            in a stage's audience                   | 2100| 200 | 2110 | 200 | true  | false
            """)
    void whoIsWarmByPositionAndArea(String what, double ax, double ay, double bx, double by, boolean bWarm,
                                    boolean warm) {
        scene.put("a", ax, ay).put("b", bx, by);
        engine.warmLinks("a", true);
        engine.warmLinks("b", bWarm);
        tick();
        assertThat(engine.warm("a", "b")).as(what).isEqualTo(warm);
        assertThat(engine.warm("b", "a")).isEqualTo(warm);
        assertThat(engine.warmCount()).isEqualTo(warm ? 1 : 0);
    }

    @Test
    void aPairWarmsAtOnceBothAreToldAndTheSmallerIdOffers() {
        scene.put("ana", 500, 500).put("ben", 900, 500);
        capable("ana", "ben");
        tick();
        assertThat(warmEvents).isEmpty();
        scene.put("ben", 700, 500);
        tick();
        assertThat(warmEvents).containsExactly(new Warm("ben", "ana", false), new Warm("ana", "ben", true));
        assertThat(engine.linked("ana", "ben")).isFalse();
    }

    @Test
    void theVoiceSetsAreTheSameWithWarmLinksAsWithout() {
        var without = new VoiceScene(ProximityEngineTest.SETTINGS, ProximityEngineTest.AREAS);
        String[] ids = {"a", "b", "c"};
        double[][][] steps = {
                {{500, 500}, {900, 500}, {500, 900}},
                {{500, 500}, {700, 500}, {500, 700}},
                {{500, 500}, {560, 500}, {500, 700}},
                {{500, 500}, {560, 500}, {500, 560}},
                {{500, 500}, {1100, 100}, {500, 560}},
                {{500, 500}, {900, 500}, {900, 900}},
        };
        for (double[][] step : steps) {
            for (int i = 0; i < ids.length; i++) {
                scene.put(ids[i], step[i][0], step[i][1]);
                without.put(ids[i], step[i][0], step[i][1]);
            }
            capable(ids); // again at every step: each time starts their warm links afresh
            for (int t = 0; t < 5; t++) {
                assertThat(tick()).isEqualTo(without.tick(100));
            }
        }
        assertThat(scene.events).isNotEmpty();
        assertThat(warmEvents).isNotEmpty();
    }

    @Test
    void aWarmPairCoolsOnlyBeyondTheWarmRadiusAndTheBand() {
        scene.put("a", 500, 500).put("b", 740, 500);
        capable("a", "b");
        tick();
        assertThat(engine.warm("a", "b")).isTrue();
        scene.put("b", 800, 500);
        tick();
        assertThat(engine.warm("a", "b")).as("within 300 px").isTrue();
        warmEvents.clear();
        scene.put("b", 801, 500);
        tick();
        assertThat(engine.warm("a", "b")).isFalse();
        assertThat(warmEvents).containsExactlyInAnyOrder(new Cool("a", "b"), new Cool("b", "a"));
    }

    @Test
    void walkingIntoARoomCoolsTheLinkAndComingOutWarmsItAgain() {
        scene.put("a", 900, 100).put("b", 980, 100);
        capable("a", "b");
        tick();
        assertThat(engine.warm("a", "b")).isTrue();
        scene.put("b", 1010, 100);
        tick();
        assertThat(engine.warm("a", "b")).isFalse();
        scene.put("b", 980, 100);
        tick();
        assertThat(engine.warm("a", "b")).isTrue();
    }

    @Test
    void eachPersonHasAtMostTheCapAndACrowdOpensNoMore() {
        int n = 40;
        for (int i = 0; i < n; i++) {
            String id = "p" + i;
            scene.put(id, 500 + (i % 8) * 10, 500 + (i / 8) * 10);
            engine.warmLinks(id, true);
        }
        tick();
        for (int i = 0; i < n; i++) {
            int warm = 0;
            for (int j = 0; j < n; j++) {
                if (engine.warm("p" + i, "p" + j)) {
                    warm++;
                }
            }
            assertThat(warm).as("p" + i).isLessThanOrEqualTo(WarmLinks.MAX_WARM);
        }
        assertThat(engine.warmCount()).isLessThanOrEqualTo(n * WarmLinks.MAX_WARM / 2).isGreaterThan(n);
    }

    @Test
    void someoneWhoLeavesOrStopsCoolsTheirPeers() {
        scene.put("a", 500, 500).put("b", 600, 500).put("c", 500, 600);
        capable("a", "b", "c");
        tick();
        assertThat(engine.warmCount()).isEqualTo(3);
        warmEvents.clear();
        engine.remove("c");
        engine.warmLinks("b", false);
        tick();
        assertThat(warmEvents).contains(new Cool("a", "c"), new Cool("b", "a"), new Cool("a", "b"))
                .doesNotContain(new Cool("c", "a"));
        assertThat(engine.warmCount()).isZero();
        engine.warmLinks("b", true);
        tick();
        assertThat(engine.warm("a", "b")).as("saying it again starts afresh").isTrue();
    }

    private void capable(String... ids) {
        for (String id : ids) {
            engine.warmLinks(id, true);
        }
    }

    private List<VoiceEvent> tick() {
        List<VoiceEvent> got = scene.tick(100);
        warmEvents.addAll(engine.takeWarmEvents());
        return got;
    }
}
