package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.server.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lock state and the passes of let-in knockers, with a clock the tests move. */
class RoomLocksTest {
    private final MutableClock clock = new MutableClock();
    private final RoomLocks locks = new RoomLocks(clock);

    @ParameterizedTest(name = "room locked: {0}, pass: {1}, {2} s later: may enter {3}")
    @CsvSource({
            // locked, pass granted, seconds until the step, may enter
            "false, false, 0,  true",
            "true,  false, 0,  false",
            "true,  true,  0,  true",
            "true,  true,  29, true",
            "true,  true,  30, true",
            "true,  true,  31, false",
    })
    void whoMayWalkIn(boolean locked, boolean pass, int seconds, boolean mayEnter) {
        if (locked) {
            locks.lock("Boardroom", "ann");
        }
        if (pass) {
            locks.grant("Boardroom", "bob");
        }
        clock.advance(Duration.ofSeconds(seconds));
        assertThat(locks.mayEnter("Boardroom", "bob")).isEqualTo(mayEnter);
        assertThat(locks.mayEnter("Boardroom", "cat")).as("a pass is for its holder").isEqualTo(!locked);
    }

    @Test
    void aPassAdmitsOneEntryOnly() {
        locks.lock("Boardroom", "ann");
        locks.grant("Boardroom", "bob");
        assertThat(locks.mayEnter("Boardroom", "bob")).as("asking uses nothing up").isTrue();
        locks.entered("Boardroom", "bob");
        assertThat(locks.mayEnter("Boardroom", "bob")).isFalse();
    }

    @Test
    void lockingTwiceChangesNothingAndUnlockingEndsThePasses() {
        assertThat(locks.lock("Boardroom", "ann")).isTrue();
        assertThat(locks.lock("Boardroom", "fay")).isFalse();
        assertThat(locks.lock("Huddle Room", "cat")).isTrue();
        assertThat(locks.rooms()).containsExactly("Boardroom", "Huddle Room");
        locks.grant("Boardroom", "bob");
        assertThat(locks.unlock("Boardroom")).isTrue();
        assertThat(locks.unlock("Boardroom")).isFalse();
        locks.lock("Boardroom", "ann");
        assertThat(locks.mayEnter("Boardroom", "bob")).as("the old pass went with the unlock").isFalse();
    }

    @Test
    void anOpenRoomGivesNoPassAndSomeoneWhoLeftTheSpaceKeepsNone() {
        locks.grant("Boardroom", "bob");
        locks.lock("Boardroom", "ann");
        assertThat(locks.mayEnter("Boardroom", "bob")).isFalse();
        locks.grant("Boardroom", "bob");
        locks.forget("bob");
        assertThat(locks.mayEnter("Boardroom", "bob")).isFalse();
    }
}
