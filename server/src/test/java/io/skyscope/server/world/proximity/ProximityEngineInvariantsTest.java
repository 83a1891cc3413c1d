package io.skyscope.server.world.proximity;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random walks in a crowd with a room and a silent zone (seeded, so a failure replays): whatever
 * happens, links are symmetric, nobody has more than {@code maxPeers} proximity links (neither in
 * the voice sets nor in what the rules want, which the voice sets follow), nobody in a
 * silent zone or do-not-disturb has any, and once people stop and the debounce has passed, no two
 * people in open space within the join radius with a free slot each are left unlinked, and no
 * proximity link spans more than the leave radius. Midway the cap is lowered, as a space's owner
 * may: once settled, nobody keeps more links than the new cap allows.
 */
class ProximityEngineInvariantsTest {
    private static final VoiceSettings SETTINGS = new VoiceSettings(100, 130, 4, 200, 6, 10, 160);
    private static final VoiceSettings LOWER_CAP = new VoiceSettings(100, 130, 2, 200, 6, 10, 160);
    private static final List<MapArea> AREAS = List.of(
            new MapArea("Room", AreaKind.MEETING_ROOM, 0, 0, 150, 150, Map.of()),
            new MapArea("Quiet", AreaKind.SILENT_ZONE, 450, 450, 150, 150, Map.of()));

    @ParameterizedTest(name = "seed {0}, walking past above {1} px/s")
    @CsvSource({"1, 160", "2, 160", "3, 160", "4, 160", "5, 160", "1, 0", "2, 0", "3, 0", "4, 0", "5, 0"})
    void invariantsHoldThroughRandomWalks(long seed, double walkingSpeed) {
        var random = new Random(seed);
        var scene = new VoiceScene(SETTINGS.withWalkingSpeed(walkingSpeed), AREAS);
        int n = 60;
        double[][] at = new double[n][2];
        boolean[] dnd = new boolean[n];
        VoiceMember[] members = new VoiceMember[n];
        for (int i = 0; i < n; i++) {
            at[i][0] = random.nextDouble() * 600;
            at[i][1] = random.nextDouble() * 600;
            members[i] = place(scene, i, at[i]);
        }
        for (int step = 0; step < 200; step++) {
            for (int k = 0; k < 10; k++) {
                int i = random.nextInt(n);
                double[] to = {clamp(at[i][0] + random.nextGaussian() * 20), clamp(at[i][1] + random.nextGaussian() * 20)};
                if (scene.engine.roomFull("u" + i, to[0], to[1]).isEmpty()) {
                    at[i] = to;
                    members[i] = place(scene, i, at[i]);
                }
            }
            if (step % 37 == 0) {
                int who = random.nextInt(n);
                dnd[who] = !dnd[who];
                scene.engine.doNotDisturb("u" + who, dnd[who]);
            }
            if (step % 53 == 0) {
                int gone = random.nextInt(n);
                scene.engine.remove("u" + gone);
                members[gone] = place(scene, gone, at[gone]);
                dnd[gone] = false;
            }
            if (step == 120) {
                scene.engine.settings(LOWER_CAP.withWalkingSpeed(walkingSpeed));
            }
            scene.tick(100);
            checkAlways(scene, n, dnd, at, SETTINGS.maxPeers());
            checkRules(members, SETTINGS.maxPeers());
        }
        scene.settle();
        scene.settle();
        checkAlways(scene, n, dnd, at, LOWER_CAP.maxPeers());
        checkRules(members, LOWER_CAP.maxPeers());
        checkNobodyLeftOut(scene, n, at, dnd, LOWER_CAP.maxPeers());
        checkNoLinkBeyondLeaveRadius(scene, n, at);
    }

    private static VoiceMember place(VoiceScene scene, int i, double[] at) {
        return scene.engine.put("u" + i, at[0], at[1]);
    }

    /**
     * What the rules want is symmetric and capped too, and its count of proximity links is right: a
     * pair wanted over the cap would wait forever for a slot in the voice sets.
     */
    private static void checkRules(VoiceMember[] members, int cap) {
        for (VoiceMember m : members) {
            int proximity = 0;
            for (int i = 0; i < m.desired.size(); i++) {
                VoiceMember peer = m.desired.peer(i);
                assertThat(peer.desired.get(m)).as("%s and %s both want the link", m.id, peer.id)
                        .isEqualTo(m.desired.link(i));
                if (m.desired.link(i).reason() == VoiceReason.PROXIMITY) {
                    proximity++;
                }
            }
            assertThat(proximity).as("proximity links %s is wanted in", m.id)
                    .isEqualTo(m.desiredProximity).isLessThanOrEqualTo(cap);
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(599, v));
    }

    private static void checkAlways(VoiceScene scene, int n, boolean[] dnd, double[][] at, int cap) {
        for (int i = 0; i < n; i++) {
            String u = "u" + i;
            var links = scene.engine.links(u);
            if (dnd[i] || AREAS.get(1).contains(at[i][0], at[i][1])) {
                assertThat(links).as("%s is do-not-disturb or in the silent zone", u).isEmpty();
            }
            long proximity = links.values().stream().filter(l -> l.reason() == VoiceReason.PROXIMITY).count();
            assertThat(proximity).as("proximity links of %s", u).isLessThanOrEqualTo(cap);
            for (var peer : links.keySet()) {
                assertThat(scene.engine.links(peer)).as("%s and %s both know the link", u, peer).containsKey(u);
            }
        }
    }

    /** After everyone stopped: two open-space people in range, both with room for one more, are linked. */
    private static void checkNobodyLeftOut(VoiceScene scene, int n, double[][] at, boolean[] dnd, int cap) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                String a = "u" + i;
                String b = "u" + j;
                double d = Math.hypot(at[i][0] - at[j][0], at[i][1] - at[j][1]);
                boolean free = scene.engine.links(a).size() < cap && scene.engine.links(b).size() < cap;
                if (outside(at[i]) && outside(at[j]) && d <= SETTINGS.joinRadius() && free && !dnd[i] && !dnd[j]) {
                    assertThat(scene.engine.linked(a, b)).as("%s and %s are %d px apart with free slots", a, b,
                            Math.round(d)).isTrue();
                }
            }
        }
    }

    /** After everyone stopped: whoever is linked by proximity stands within the leave radius. */
    private static void checkNoLinkBeyondLeaveRadius(VoiceScene scene, int n, double[][] at) {
        for (int i = 0; i < n; i++) {
            for (var link : scene.engine.links("u" + i).entrySet()) {
                if (link.getValue().reason() == VoiceReason.PROXIMITY) {
                    double[] p = at[Integer.parseInt(link.getKey().substring(1))];
                    assertThat(Math.hypot(at[i][0] - p[0], at[i][1] - p[1])).as("u%d and %s", i, link.getKey())
                            .isLessThanOrEqualTo(LOWER_CAP.leaveRadius());
                }
            }
        }
    }

    private static boolean outside(double[] p) {
        return AREAS.stream().noneMatch(a -> a.contains(p[0], p[1]));
    }
}
