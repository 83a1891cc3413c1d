package io.skyscope.client.voice;

import io.skyscope.client.World;
import io.skyscope.client.WorldState;
import io.skyscope.protocol.Person;
import java.util.function.Supplier;

/** Where I and the people I hear stand, for the spatial mix. Read by the render thread. */
public interface Positions {

    /** My position as {x, y}, or null if unknown. */
    double[] self();

    /** A person's position as {x, y}, or null if unknown. */
    double[] of(String userId);

    /** Positions from a client's world state. */
    static Positions of(WorldState state) {
        return of(state::snapshot);
    }

    /** Positions from whatever world is the latest (the render thread asks every 10 ms). */
    static Positions of(Supplier<World> latest) {
        return new Positions() {
            @Override
            public double[] self() {
                return at(latest.get().self());
            }

            @Override
            public double[] of(String userId) {
                return at(latest.get().person(userId));
            }

            private double[] at(Person p) {
                return p == null ? null : new double[] {p.x(), p.y()};
            }
        };
    }
}
