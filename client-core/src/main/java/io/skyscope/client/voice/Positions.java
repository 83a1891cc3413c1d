package io.skyscope.client.voice;

import io.skyscope.client.World;
import io.skyscope.client.WorldState;
import io.skyscope.protocol.Person;

/** Where I and the people I hear stand, for the spatial mix. Read by the render thread. */
public interface Positions {

    /** My position as {x, y}, or null if unknown. */
    double[] self();

    /** A person's position as {x, y}, or null if unknown. */
    double[] of(String userId);

    /** Positions from a client's world state. */
    static Positions of(WorldState state) {
        return new Positions() {
            @Override
            public double[] self() {
                return at(state.snapshot().self());
            }

            @Override
            public double[] of(String userId) {
                World w = state.snapshot();
                return at(w.person(userId));
            }

            private double[] at(Person p) {
                return p == null ? null : new double[] {p.x(), p.y()};
            }
        };
    }
}
