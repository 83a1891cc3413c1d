package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.TestMaps;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.PositionFrame;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage.PresenceUpdate;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interest management, batching, idle-away and rejoining, on a 100 x 100 tile open floor. */
class SpaceStateTest {
    private static final double RADIUS = 1000;
    private static final TiledMap FLOOR = openFloor(100, 100);

    private final MutableClock clock = new MutableClock();
    private final SpaceState state = new SpaceState(new ServerMessage.SpaceInfo("s", "S", "m", 1), FLOOR,
            new WorldTuning(320, RADIUS, 100, 60), clock);

    private static TiledMap openFloor(int w, int h) {
        String[] rows = new String[h];
        char[] row = new char[w];
        Arrays.fill(row, '.');
        for (int y = 0; y < h; y++) {
            rows[y] = new String(row);
        }
        rows[1] = "S" + rows[1].substring(1);
        return TestMaps.map(rows);
    }

    private void place(String id, double x, double y) {
        state.join(new JoinRequest(id, "session-" + id, id.toUpperCase(), "a1", Status.AVAILABLE, "", null));
        state.teleport(id, x, y);
    }

    /**
     * Runs ticks, 100 ms apart, and returns the presence updates each user received, decoded by the
     * real codec (a tick also carries voice events, which these tests leave aside).
     */
    private Map<String, List<PresenceUpdate>> ticks(int n) {
        Map<String, List<PresenceUpdate>> got = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMillis(100));
            for (Delivery d : state.tick()) {
                if (decode(d.frame()) instanceof PresenceUpdate update) {
                    got.computeIfAbsent(d.userId(), k -> new ArrayList<>()).add(update);
                }
            }
        }
        return got;
    }

    private static ServerMessage decode(String frame) {
        try {
            return ProtocolCodec.decodeServer(frame);
        } catch (Exception e) {
            throw new AssertionError("frame does not decode: " + frame, e);
        }
    }

    private static long movesOf(List<PresenceUpdate> updates, String who) {
        return updates == null ? 0 : updates.stream().flatMap(u -> u.moved().stream())
                .filter(m -> m.userId().equals(who)).count();
    }

    @ParameterizedTest(name = "observer {0} px away sees {1} of 10 ticks of walking")
    @CsvSource({
            // distance, position updates expected over 10 ticks of continuous walking
            "100,  10",   // full rate (within 40 % of the radius)
            "390,  10",
            "600,  2",    // reduced rate: at least twice a second (every 350 ms rounded to ticks: 400 ms)
            "950,  2",
            "1050, 0",    // beyond the interest radius: nothing
            "2500, 0",
    })
    void moversReachObserversByDistance(double distance, int expected) {
        place("mover", 200, 1600);
        place("watcher", 200 + distance, 1600);
        ticks(1);
        for (int i = 0; i < 10; i++) {
            var me = state.person("mover");
            assertThat(state.move("mover", me.x(), me.y() + (i % 2 == 0 ? 20 : -20), i)).isEmpty();
            var got = ticks(1);
            if (i == 9) {
                assertThat(movesOf(got.get("mover"), "mover")).isZero();
            }
            allMoves.merge("watcher", movesOf(got.get("watcher"), "mover"), Long::sum);
        }
        assertThat(allMoves.getOrDefault("watcher", 0L)).isEqualTo(expected);
    }

    private final Map<String, Long> allMoves = new java.util.HashMap<>();

    @Test
    void inACrowdTheNearestComeAtEveryMoveAndEveryoneElseAtLeastTwiceASecond() {
        place("me", 1600, 1600);
        for (int i = 0; i < 200; i++) {
            place("p" + i, 1600 + 20 + i, 1600);
        }
        ticks(1);
        Map<String, Long> seen = new java.util.HashMap<>();
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < 200; i++) {
                assertThat(state.move("p" + i, 1600 + 20 + i, t % 2 == 0 ? 1610 : 1600, t)).isEmpty();
            }
            for (PresenceUpdate u : ticks(1).get("me")) {
                u.moved().forEach(m -> seen.merge(m.userId(), 1L, Long::sum));
            }
        }
        for (int i = 0; i < 200; i++) {
            long got = seen.getOrDefault("p" + i, 0L);
            if (i < PresenceFanOut.NEAREST) {
                assertThat(got).as("moves of p%d, among the nearest", i).isEqualTo(20);
            } else {
                assertThat(got).as("moves of p%d, in 2 s", i).isBetween(4L, 6L);
            }
        }
    }

    @Test
    void aFarObserverGetsTheFinalPositionAfterTheMoverStops() {
        place("mover", 200, 1600);
        place("watcher", 900, 1600);
        ticks(1);
        assertThat(state.move("mover", 210, 1600, 1)).isEmpty();
        var got = ticks(10);
        var last = got.get("watcher").stream().flatMap(u -> u.moved().stream())
                .filter(m -> m.userId().equals("mover")).reduce((a, b) -> b).orElseThrow();
        assertThat(last.x()).isEqualTo(210);
        assertThat(ticks(20).getOrDefault("watcher", List.of())).isEmpty();
    }

    @Test
    void walkingUpToPeopleWhoStandStillShowsWhereTheyAre() {
        place("walker", 200, 1600);
        place("sitter", 1290, 1600);
        ticks(10);
        var seen = new ArrayList<PresenceUpdate>();
        double x = 200;
        for (int i = 0; i < 5; i++) {
            x += 30;
            assertThat(state.move("walker", x, 1600, i)).isEmpty();
            seen.addAll(ticks(1).getOrDefault("walker", List.of()));
        }
        assertThat(movesOf(seen, "sitter")).isEqualTo(1);
    }

    @Test
    void joinsLeavesAndStatusChangesGoToEveryoneInOneBatch() {
        place("a", 100, 100);
        place("far", 3000, 3000);
        ticks(1);
        place("b", 150, 100);
        state.status("a", Status.BUSY, "call");
        assertThat(state.leave("far", "session-far")).isTrue();
        var got = ticks(1);
        assertThat(got).containsOnlyKeys("a", "b");
        PresenceUpdate toA = got.get("a").getFirst();
        assertThat(toA.joined()).extracting(p -> p.userId()).containsExactly("b");
        assertThat(toA.left()).containsExactly("far");
        assertThat(toA.changed()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(Status.BUSY));
    }

    @Test
    void aReplacedConnectionLeavingDoesNotRemoveTheUser() {
        place("a", 100, 100);
        state.join(new JoinRequest("a", "newer-session", "A", "a1", Status.AVAILABLE, "", null));
        assertThat(state.leave("a", "session-a")).isFalse();
        assertThat(state.contains("a")).isTrue();
        assertThat(state.leave("a", "newer-session")).isTrue();
    }

    @Test
    void someoneWhoLeavesComesBackWhereTheyWere() {
        place("a", 500, 700);
        state.leave("a", "session-a");
        var welcome = state.join(new JoinRequest("a", "s2", "A", "a1", Status.AVAILABLE, "", "r"));
        assertThat(welcome.you().x()).isEqualTo(500);
        assertThat(welcome.you().y()).isEqualTo(700);
        assertThat(welcome.ref()).isEqualTo("r");
    }

    @Test
    void idlePeopleTurnAwayAndComeBackWhenTheyMove() {
        place("a", 100, 100);
        place("b", 150, 100);
        ticks(1);
        clock.advance(Duration.ofSeconds(61));
        var got = ticks(11);
        var statuses = got.get("b").stream().flatMap(u -> u.changed().stream())
                .filter(c -> c.userId().equals("a")).map(c -> c.status()).collect(Collectors.toList());
        assertThat(statuses).contains(Status.AWAY);
        assertThat(state.person("a").status()).isEqualTo(Status.AWAY);

        assertThat(state.move("a", 110, 100, 1)).isEmpty();
        assertThat(state.person("a").status()).isEqualTo(Status.AVAILABLE);
    }

    @Test
    void aBusyStatusIsNotTurnedIntoAway() {
        place("a", 100, 100);
        state.status("a", Status.BUSY, "deep work");
        clock.advance(Duration.ofSeconds(120));
        ticks(11);
        assertThat(state.person("a").status()).isEqualTo(Status.BUSY);
    }

    @Test
    void movesThatWaitedTogetherAreJudgedAtThePaceTheyArrived() {
        // 320 px/s with 0.5 s of burst: 20 steps of 60 px, 200 ms apart, walk at 300 px/s.
        place("walker", 1000, 1000);
        place("rusher", 1000, 2000);
        clock.advance(Duration.ofSeconds(5));
        int steps = 20;
        for (int i = 1; i <= steps; i++) {
            long age = (steps - i) * 200_000_000L; // all validated now, received 200 ms apart
            assertThat(state.move("walker", 1000 + 60 * i, 1000, i, age))
                    .as("step %d, received %d ms ago", i, age / 1_000_000).isEmpty();
        }
        // The same steps received all at once are too fast once the burst is spent.
        long refused = java.util.stream.IntStream.rangeClosed(1, steps)
                .filter(i -> state.move("rusher", 1000 + 60 * i, 2000, i, 0).isPresent()).count();
        assertThat(refused).isGreaterThan(steps / 2);
    }

    @Test
    void binaryReceiversGetCompactFramesThatNamePeopleByNumber() {
        state.join(new JoinRequest("me", "session-me", "ME", "a1", Status.AVAILABLE, "", null)
                .withPresence(PresenceEncoding.BINARY));
        state.teleport("me", 1000, 1000);
        place("a", 1100, 1000);
        place("b", 1000, 1300.6);
        List<Delivery> first = state.tick();
        List<String> toMe = first.stream().filter(d -> d.userId().equals("me")).map(Delivery::frame).toList();
        assertThat(toMe.getFirst()).startsWith("{\"type\":\"presence.update\"").contains("\"number\":");
        Map<Integer, int[]> positions = new java.util.HashMap<>();
        toMe.stream().filter(f -> f.charAt(0) == PositionFrame.KIND_POSITIONS).forEach(f -> PositionFrame.decode(
                java.nio.ByteBuffer.wrap(f.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                (number, x, y) -> positions.put(number, new int[] {x, y})));
        assertThat(positions).containsOnlyKeys(state.person("a").number(), state.person("b").number());
        assertThat(positions.get(state.person("b").number())).containsExactly(1000, 1301);
        assertThat(state.person("me").number()).isNotIn(state.person("a").number(), state.person("b").number());
        // JSON receivers get the same positions as JSON.
        assertThat(first.stream().filter(d -> d.userId().equals("a")).map(Delivery::frame))
                .allSatisfy(f -> assertThat(f).startsWith("{"));
    }

    @Test
    void aNumberIsGivenAgainOnlyAfterTheTickThatAnnouncedTheLeave() {
        place("a", 100, 100);
        place("b", 200, 100);
        ticks(1);
        int numberOfA = state.person("a").number();
        state.leave("a", "session-a");
        place("c", 300, 100);
        assertThat(state.person("c").number()).isNotEqualTo(numberOfA);
        ticks(1);
        place("d", 400, 100);
        assertThat(state.person("d").number()).isEqualTo(numberOfA);
    }

    @Test
    void aDenseCrowdIsSplitIntoFramesThatAClientAccepts() {
        place("me", 1600, 1600);
        for (int i = 0; i < 1200; i++) {
            place("p" + i, 1500 + i % 40 * 5, 1500 + i / 40 * 5);
        }
        var toMe = ticks(1).get("me");
        assertThat(toMe).hasSizeGreaterThan(1).allSatisfy(u -> assertThat(u.moved().size())
                .isLessThanOrEqualTo(PresenceFrames.JSON_ENTRIES_PER_FRAME));
        assertThat(toMe.stream().flatMap(u -> u.moved().stream()).map(m -> m.userId()).distinct().count())
                .isEqualTo(1200);
    }
}
