package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.map.TestMaps;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.MutableClock;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Locked rooms as a space's state enforces them: refused steps, passes, and the unlock when empty. */
class SpaceEtiquetteTest {
    private static final double[] ROOM = {240, 48};
    private static final double[] HALL = {180, 48};
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final SpaceState state;
    private long seq;

    SpaceEtiquetteTest() {
        var tmj = TestMaps.tmj(
                "############",
                "#S.........#",
                "#..........#",
                "#..........#",
                "############");
        TestMaps.addArea(tmj, "meeting-room", "Pair", 224, 32, 128, 96);
        state = new SpaceState(new ServerMessage.SpaceInfo("s", "Space", "m", 1), TestMaps.parse(tmj),
                new WorldTuning(5000, 1200, 100, 300), VoiceSettings.defaults(), clock);
        for (String id : List.of("amy", "bob", "cat")) {
            state.join(new JoinRequest(id, "session-" + id, id.toUpperCase(), null, Status.AVAILABLE, null, null));
        }
        step("amy", ROOM);
        step("bob", HALL);
        run("amy", new EtiquetteCommand.Lock("Pair", null), false);
    }

    private String step(String userId, double[] to) {
        clock.advance(Duration.ofMillis(200));
        return state.move(userId, to[0], to[1], ++seq).map(ServerMessage.Correction::reason).orElse(null);
    }

    private List<Delivery> run(String userId, EtiquetteCommand command, boolean manager) {
        return state.etiquette(userId, manager, command);
    }

    private List<Delivery> tick() {
        clock.advance(Duration.ofMillis(100));
        return state.tick();
    }

    @ParameterizedTest(name = "{0} steps to {1},{2}: {3}")
    @CsvSource({
            // who, x, y, correction (empty: accepted)
            "bob, 240, 48,  room_locked",
            "bob, 340, 112, room_locked",
            "bob, 200, 112, ",
            "amy, 300, 100, ",
            "amy, 180, 48,  ",
    })
    void aLockedRoomRefusesStepsIntoItButNotWithinOrOutOfIt(String who, double x, double y, String correction) {
        assertThat(step(who, new double[] {x, y})).isEqualTo(correction);
    }

    @Test
    void aLetInKnockerEntersOnceWithinThePassTime() {
        run("bob", new EtiquetteCommand.Knock("Pair", null, null), false);
        List<Delivery> answer = run("amy", new EtiquetteCommand.KnockAnswer("bob", true, null), false);
        assertThat(answer).anyMatch(d -> d.userId().equals("bob") && d.message() instanceof EtiquetteEvent.KnockAnswered a
                && a.admitted());
        assertThat(step("bob", ROOM)).isNull();
        assertThat(step("bob", HALL)).isNull();
        assertThat(step("bob", ROOM)).isEqualTo("room_locked");

        clock.advance(Duration.ofSeconds(11));
        run("bob", new EtiquetteCommand.Knock("Pair", null, null), false);
        run("amy", new EtiquetteCommand.KnockAnswer("bob", true, null), false);
        clock.advance(Duration.ofSeconds(31));
        assertThat(step("bob", ROOM)).as("the pass ran out").isEqualTo("room_locked");
    }

    @Test
    void theRoomUnlocksAtTheTickAfterTheLastPersonLeftAndEveryoneIsTold() {
        assertThat(step("amy", HALL)).isNull();
        List<Delivery> out = tick();
        assertThat(out).filteredOn(d -> d.frame().contains("\"room.lock\"")).extracting(Delivery::userId)
                .containsExactlyInAnyOrder("amy", "bob", "cat");
        assertThat(state.lockedRooms()).isEmpty();
        assertThat(step("bob", ROOM)).isNull();
    }

    @Test
    void anEmptyRoomLockedByAManagerStaysLockedUntilUnlocked() {
        step("amy", HALL);
        tick();
        run("cat", new EtiquetteCommand.Lock("Pair", null), true);
        tick();
        assertThat(state.lockedRooms()).containsExactly("Pair");
        assertThat(run("bob", new EtiquetteCommand.Unlock("Pair", "u"), false))
                .anyMatch(d -> d.message() instanceof ServerMessage.Error e && e.code().equals("not_in_room"));
        run("cat", new EtiquetteCommand.Unlock("Pair", null), true);
        assertThat(state.lockedRooms()).isEmpty();
    }

    @Test
    void someoneWhoLeavesTheSpaceFromInsideLeavesItOpen() {
        state.leave("amy", "session-amy");
        tick();
        assertThat(state.lockedRooms()).isEmpty();
    }

    @Test
    void oneRoomsLockChangesTwentyTimesAMinuteAtMostWhoeverChangesIt() {
        for (int i = 1; i < 10; i++) {
            run("amy", i % 2 == 1 ? new EtiquetteCommand.Unlock("Pair", null) : new EtiquetteCommand.Lock("Pair", null),
                    false);
        }
        for (int i = 0; i < 10; i++) {
            run("cat", i % 2 == 0 ? new EtiquetteCommand.Lock("Pair", null) : new EtiquetteCommand.Unlock("Pair", null),
                    true);
        }
        assertThat(run("bob", new EtiquetteCommand.Lock("Pair", "b"), true)).singleElement()
                .satisfies(d -> assertThat(d.message()).isInstanceOfSatisfying(ServerMessage.Error.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.message()).contains("'Pair'");
                }));
        clock.advance(Duration.ofMinutes(1));
        assertThat(run("bob", new EtiquetteCommand.Lock("Pair", "b"), true))
                .anyMatch(d -> d.message() instanceof ServerMessage.Ack);
    }

    @Test
    void someoneNotInTheSpaceIsToldSo() {
        assertThat(run("zed", new EtiquetteCommand.Wave("amy", "z"), false)).singleElement()
                .satisfies(d -> assertThat(d.message()).isInstanceOfSatisfying(ServerMessage.Error.class,
                        e -> assertThat(e.code()).isEqualTo("not_in_space")));
    }
}
