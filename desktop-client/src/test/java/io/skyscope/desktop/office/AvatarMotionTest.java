package io.skyscope.desktop.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.skyscope.desktop.render.Facing;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvatarMotionTest {
    private static Map<String, Person> at(double x, double y) {
        return Map.of("b", new Person("b", "Ben", null, x, y, Status.AVAILABLE, null, 0));
    }

    @Test
    void movesSmoothlyBetweenUpdatesInsteadOfJumping() {
        AvatarMotion m = new AvatarMotion();
        m.update(at(100, 100), "me", 0, 0.1);
        m.update(at(132, 100), "me", 1 / 60.0, 0.1);
        double first = m.track("b").x();
        assertThat(first).isGreaterThan(100).isLessThan(110);
        for (int i = 0; i < 5; i++) {
            m.update(at(132, 100), "me", 1 / 60.0, 0.1);
        }
        assertThat(m.track("b").x()).isGreaterThan(first).isLessThan(132);
        assertThat(m.track("b").facing()).isEqualTo(Facing.RIGHT);
        for (int i = 0; i < 20; i++) {
            m.update(at(132, 100), "me", 1 / 60.0, 0.1);
        }
        assertThat(m.track("b").x()).isCloseTo(132, within(1e-9));
        assertThat(m.track("b").phase()).as("standing").isEqualTo(-1);
    }

    @Test
    void aLongJumpIsShownAsAJumpAndLeaversAreForgotten() {
        AvatarMotion m = new AvatarMotion();
        m.update(at(100, 100), "me", 0, 0.1);
        m.update(at(1000, 900), "me", 1 / 60.0, 0.1);
        assertThat(m.track("b").x()).isEqualTo(1000);
        m.update(Map.of(), "me", 1 / 60.0, 0.1);
        assertThat(m.track("b")).isNull();
    }
}
