package io.skyscope.server.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage.Changed;
import io.skyscope.protocol.ServerMessage.Moved;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds each tick's {@code presence.update} frames with interest management. Owned by the space's
 * thread, like the {@link SpaceState} that calls it.
 *
 * <ul>
 *   <li>Within the full-rate radius (40 % of the interest radius) you get every move of everyone.</li>
 *   <li>Farther out, up to the interest radius, you get a person's position twice a second while they
 *       walk, and their final position at most half a second after they stop.</li>
 *   <li>Beyond the interest radius you get nothing; when you walk up to people who stand still,
 *       you get their positions as they come into view.</li>
 *   <li>In a crowd, a frame carries at most the {@value #MAX_MOVED_PER_FRAME} nearest positions;
 *       people who just stopped are sent again at the reduced rate, so their final position still
 *       arrives unless a crowd stays nearer.</li>
 * </ul>
 * Each moved person's entry is encoded once per tick and shared by every frame that carries it;
 * the parts everyone gets (joined, left, changed) are encoded once per tick too.
 */
final class PresenceFanOut {
    /** Far movers are sent every {@code FAR_RATE}-th tick (2 per second at 100 ms ticks). */
    static final int FAR_RATE = 5;
    static final double FULL_RATE_FRACTION = 0.4;
    static final int MAX_MOVED_PER_FRAME = 96;

    private static final ObjectWriter PERSONS = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, Person.class));
    private static final ObjectWriter IDS = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, String.class));
    private static final ObjectWriter CHANGES = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, Changed.class));
    private static final ObjectWriter MOVED = Json.strict().writerFor(Moved.class);

    private final SpatialHash<Occupant> positions;
    private final Map<String, Occupant> occupants;
    private final double radius;
    private final double fullRadiusSquared;
    private final double radiusSquared;
    private final List<Occupant> dirty = new ArrayList<>();
    private final List<Occupant> recent = new ArrayList<>();
    private long tick;
    private int nextSlot;

    PresenceFanOut(SpatialHash<Occupant> positions, Map<String, Occupant> occupants, double interestRadius) {
        this.positions = positions;
        this.occupants = occupants;
        this.radius = interestRadius;
        double full = interestRadius * FULL_RATE_FRACTION;
        this.fullRadiusSquared = full * full;
        this.radiusSquared = interestRadius * interestRadius;
    }

    void added(Occupant o) {
        o.slot = nextSlot++;
    }

    /** The person moved during this tick. */
    void moved(Occupant o) {
        if (!o.dirty) {
            o.dirty = true;
            dirty.add(o);
        }
    }

    void removed(Occupant o) {
        if (o.dirty) {
            dirty.remove(o);
            o.dirty = false;
        }
        if (o.recent) {
            recent.remove(o);
            o.recent = false;
        }
    }

    /** Ends the tick: one frame per person who has something to see. */
    List<Delivery> tick(List<Person> joined, List<String> left, Collection<Changed> changed) {
        tick++;
        for (Occupant m : dirty) {
            m.lastMoveTick = tick;
            if (!m.recent) {
                m.recent = true;
                recent.add(m);
            }
        }
        for (Occupant m : recent) {
            boolean due = (tick + m.slot) % FAR_RATE == 0;
            if (m.dirty || due) {
                route(m, due);
            }
        }
        String common = joined.isEmpty() && left.isEmpty() && changed.isEmpty() ? null
                : encodeCommon(joined, left, changed);
        List<Delivery> out = new ArrayList<>();
        for (Occupant o : occupants.values()) {
            if (common != null || !o.pending.isEmpty()) {
                o.pending.keepNearest(MAX_MOVED_PER_FRAME);
                out.add(Delivery.frame(o.userId, frame(o.pending, common)));
            }
        }
        for (Occupant m : dirty) {
            m.dirty = false;
            m.tickX = m.x();
            m.tickY = m.y();
        }
        dirty.clear();
        recent.removeIf(m -> {
            boolean stale = tick - m.lastMoveTick >= FAR_RATE;
            if (stale) {
                m.recent = false;
            }
            return stale;
        });
        return out;
    }

    private void route(Occupant mover, boolean due) {
        String entry = fragment(mover);
        boolean moved = mover.dirty;
        // Where the mover stood at the last tick, relative to where it stands now.
        double backX = mover.tickX - mover.x();
        double backY = mover.tickY - mover.y();
        positions.forEachNear(mover.x(), mover.y(), radius, (other, dx, dy) -> {
            if (other == mover) {
                return;
            }
            double d2 = dx * dx + dy * dy;
            boolean near = d2 <= fullRadiusSquared;
            if (near ? moved || due : due) {
                other.pending.add(entry, d2);
            }
            if (moved && !other.dirty) {
                double ex = dx - backX;
                double ey = dy - backY;
                if (ex * ex + ey * ey > radiusSquared) {
                    mover.pending.add(fragment(other), d2);
                }
            }
        });
    }

    private String fragment(Occupant o) {
        if (o.fragmentTick != tick) {
            o.fragment = write(MOVED, new Moved(o.userId, o.x(), o.y()));
            o.fragmentTick = tick;
        }
        return o.fragment;
    }

    private static String encodeCommon(List<Person> joined, List<String> left, Collection<Changed> changed) {
        return "\"joined\":" + write(PERSONS, joined) + ",\"left\":" + write(IDS, left)
                + ",\"changed\":" + write(CHANGES, List.copyOf(changed));
    }

    private static String frame(PendingMoves moved, String common) {
        int size = 64 + (common == null ? 0 : common.length()) + moved.length();
        StringBuilder sb = new StringBuilder(size).append("{\"type\":\"presence.update\",\"moved\":[");
        moved.drainTo(sb);
        sb.append(']');
        if (common != null) {
            sb.append(',').append(common);
        }
        return sb.append('}').toString();
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
