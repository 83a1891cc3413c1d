package io.skyscope.server.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.PositionFrame;
import io.skyscope.protocol.ServerMessage.Changed;
import io.skyscope.protocol.ServerMessage.Moved;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each tick's position frames with interest management. Owned by the space's thread, like
 * the {@link SpaceState} that calls it.
 *
 * <ul>
 *   <li><b>The nearest at full rate.</b> Everyone has a set of the {@value #NEAREST} people nearest
 *       to them within the full-rate radius (40 % of the interest radius), refreshed every
 *       {@value #NEAREST_REFRESH_MILLIS} ms (staggered) and as soon as they have walked
 *       {@value #NEAREST_REFRESH_DISTANCE} px; every move of those people reaches them in the next
 *       tick. The sets are kept in both directions, so a move is routed to its watchers without
 *       any search.</li>
 *   <li><b>Everyone within the interest radius at least twice a second.</b> A mover's position
 *       goes to everyone within the radius when at least {@value #FAR_INTERVAL_MILLIS} ms passed
 *       since it last did, at a tick in which they moved (so what arrives is fresh), or, once they
 *       stopped, their final position. These positions are grouped by cell of a grid a quarter
 *       of the radius wide into chunks, encoded once per tick and copied whole into the frames of
 *       everyone whose radius covers the cell; a chunk that the radius only cuts through is
 *       filtered entry by entry, so nobody receives anyone beyond their radius.</li>
 *   <li>When you walk up to people who stand still, you get their positions as they come into
 *       view.</li>
 * </ul>
 * Each person's number ({@link Person#number()}) names them in binary frames; a number freed by
 * someone leaving is given out again only after the tick that announced the leave.
 */
final class PresenceFanOut {
    static final double FULL_RATE_FRACTION = 0.4;
    static final int NEAREST = 64;
    static final long NEAREST_REFRESH_MILLIS = 200;
    static final double NEAREST_REFRESH_DISTANCE = 48;
    static final long FAR_INTERVAL_MILLIS = 350;
    /** A mover who has not moved for this long has stopped: their last position goes out. */
    static final long STOPPED_MILLIS = 300;
    private static final int JSON_PART = 500;
    /** The fine grid's cells, as a share of the full-rate radius: in a crowd the nearest stand within a few of them. */
    static final double FINE_CELLS_PER_FULL_RADIUS = 16;

    private static final ObjectWriter PERSONS = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, Person.class));
    private static final ObjectWriter IDS = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, String.class));
    private static final ObjectWriter CHANGES = Json.strict().writerFor(
            Json.strict().getTypeFactory().constructCollectionType(List.class, Changed.class));
    private static final ObjectWriter MOVED = Json.strict().writerFor(Moved.class);

    private final SpatialHash<Occupant> positions;
    /**
     * The same people on a grid of small cells, for the search of someone's nearest when they
     * stood close last time: {@link #positions}' cells are a quarter of the interest radius wide,
     * and in a crowd one such cell holds thousands, every one of whom a search there would
     * measure. Brought up to date at the start of each tick.
     */
    private final SpatialHash<Occupant> fine;
    private final double fineCell;
    private final Map<String, Occupant> occupants;
    private final double radius;
    private final double radiusSquared;
    private final double fullRadius;
    private final double cellSize;
    private final int farInterval;
    private final int stoppedTicks;
    private final int refreshTicks;
    private final List<Occupant> dirty = new ArrayList<>();
    private final List<Occupant> farPending = new ArrayList<>();
    private final Map<Long, PresenceChunk> chunkByCell = new HashMap<>();
    private final List<PresenceChunk> chunks = new ArrayList<>();
    private final ArrayDeque<PresenceChunk> spareChunks = new ArrayDeque<>();
    private final Nearest<Occupant> candidates = new Nearest<>();
    private final PresenceFrames frames = new PresenceFrames();
    private final BitSet numbers = new BitSet();
    private final List<Integer> released = new ArrayList<>();
    private long tick;
    private long stamp;

    PresenceFanOut(SpatialHash<Occupant> positions, Map<String, Occupant> occupants, double interestRadius,
                   int tickMillis) {
        this.positions = positions;
        this.occupants = occupants;
        this.radius = interestRadius;
        this.radiusSquared = interestRadius * interestRadius;
        this.fullRadius = interestRadius * FULL_RATE_FRACTION;
        this.fineCell = fullRadius / FINE_CELLS_PER_FULL_RADIUS;
        this.fine = new SpatialHash<>(fineCell);
        this.cellSize = interestRadius / 4;
        this.farInterval = ticks(FAR_INTERVAL_MILLIS, tickMillis);
        this.stoppedTicks = ticks(STOPPED_MILLIS, tickMillis);
        this.refreshTicks = ticks(NEAREST_REFRESH_MILLIS, tickMillis);
    }

    private static int ticks(long millis, int tickMillis) {
        return (int) Math.max(1, Math.round((double) millis / tickMillis));
    }

    /** Whether every number is taken (a space holds at most {@value PositionFrame#MAX_NUMBER} people at once). */
    boolean full() {
        return numbers.nextClearBit(0) > PositionFrame.MAX_NUMBER;
    }

    void added(Occupant o) {
        o.number = numbers.nextClearBit(0);
        numbers.set(o.number);
        o.nextNearTick = 0;
        fine.put(o, o.x(), o.y());
    }

    /** The person moved during this tick. */
    void moved(Occupant o) {
        if (!o.dirty) {
            o.dirty = true;
            dirty.add(o);
        }
    }

    void removed(Occupant o) {
        fine.remove(o);
        if (o.dirty) {
            dirty.remove(o);
            o.dirty = false;
        }
        if (o.farPending) {
            farPending.remove(o);
            o.farPending = false;
        }
        for (int i = 0; i < o.nearCount; i++) {
            o.near[i].watchers.remove(o);
        }
        for (Occupant w : o.watchers) {
            w.forgetNear(o);
        }
        o.watchers.clear();
        o.nearCount = 0;
        released.add(o.number);
    }

    /** Ends the tick: the frames of everyone who has something to see. */
    List<Delivery> tick(List<Person> joined, List<String> left, Collection<Changed> changed) {
        tick++;
        for (Occupant m : dirty) {
            fine.put(m, m.x(), m.y());
            m.lastMoveTick = tick;
            if (!m.farPending) {
                m.farPending = true;
                farPending.add(m);
            }
        }
        collectChunks();
        for (Occupant o : occupants.values()) {
            if (tick >= o.nextNearTick || o.dirty && farFrom(o, o.nearX, o.nearY, NEAREST_REFRESH_DISTANCE)) {
                refreshNearest(o);
            }
        }
        for (Occupant m : dirty) {
            routeToWatchers(m);
            showWhoCameIntoView(m);
        }
        for (PresenceChunk c : chunks) {
            routeChunk(c);
        }
        String common = joined.isEmpty() && left.isEmpty() && changed.isEmpty() ? null
                : encodeCommon(joined, left, changed);
        List<Delivery> out = new ArrayList<>();
        for (Occupant o : occupants.values()) {
            if (common != null || !o.entries.isEmpty() || !o.chunks.isEmpty() || !o.edgeChunks.isEmpty()) {
                frames.begin(o.userId, out, common, o.binary);
                if (o.binary) {
                    binaryFrames(o);
                } else {
                    jsonFrames(o);
                }
                o.entries.clear();
                o.chunks.clear();
                o.edgeChunks.clear();
            }
        }
        endTick();
        return out;
    }

    /** Puts the movers whose position is due to everyone within the radius into their cell's chunk. */
    private void collectChunks() {
        farPending.removeIf(m -> {
            boolean due = tick - m.lastFarTick >= farInterval && (m.dirty || tick - m.lastMoveTick >= stoppedTicks);
            if (due) {
                m.farPending = false;
                m.farDue = true;
                m.lastFarTick = tick;
                int cx = (int) Math.floor(m.x() / cellSize);
                int cy = (int) Math.floor(m.y() / cellSize);
                chunkByCell.computeIfAbsent(((long) cx << 32) | (cy & 0xFFFFFFFFL), k -> {
                    PresenceChunk c = spareChunks.isEmpty() ? new PresenceChunk() : spareChunks.pop();
                    chunks.add(c.reset(cx, cy));
                    return c;
                }).add(m);
            }
            return due;
        });
        for (PresenceChunk c : chunks) {
            c.encode();
        }
    }

    /** Recomputes the person's nearest, and who watches whom, from the changes. */
    private void refreshNearest(Occupant o) {
        // Search first within a little more than where the farthest of the nearest stood last
        // time: if that holds enough people, it holds the nearest (in a crowd, a few dozen
        // candidates instead of everyone); else search the whole full-rate radius.
        // A small guess is searched on the fine grid; the whole radius on the coarse one (where
        // the fine grid would look up a thousand mostly empty cells).
        double guess = o.nearRadius * 1.2 + 4;
        if (guess >= fullRadius
                || !collectCandidates(guess <= 4 * fineCell ? fine : positions, o, guess)) {
            collectCandidates(positions, o, fullRadius);
        }
        candidates.keepNearest(NEAREST);
        double farthest = 0;
        for (int i = 0; i < candidates.size(); i++) {
            farthest = Math.max(farthest, candidates.distanceSquared(i));
        }
        o.nearRadius = candidates.size() < NEAREST ? fullRadius : Math.sqrt(farthest);
        long before = ++stamp;
        long kept = ++stamp;
        for (int i = 0; i < o.nearCount; i++) {
            o.near[i].mark = before;
        }
        Occupant[] next = new Occupant[candidates.size()];
        for (int i = 0; i < next.length; i++) {
            Occupant n = candidates.get(i);
            next[i] = n;
            if (n.mark == before) {
                n.mark = kept;
            } else {
                n.watchers.add(o);
            }
        }
        for (int i = 0; i < o.nearCount; i++) {
            if (o.near[i].mark == before) {
                o.near[i].watchers.remove(o);
            }
        }
        candidates.clear();
        o.near = next;
        o.nearCount = next.length;
        o.nearX = o.x();
        o.nearY = o.y();
        // The first refresh comes at once; later ones spread over the ticks by number.
        o.nextNearTick = o.nextNearTick == 0 ? tick + 1 + o.number % refreshTicks : tick + refreshTicks;
    }

    /** Gathers the people within {@code radius} of {@code o}; false if fewer than {@link #NEAREST}. */
    private boolean collectCandidates(SpatialHash<Occupant> grid, Occupant o, double radius) {
        candidates.clear();
        grid.forEachNear(o.x(), o.y(), radius, (other, dx, dy) -> {
            if (other != o) {
                candidates.add(other, dx * dx + dy * dy);
            }
        });
        return candidates.size() >= NEAREST;
    }

    /** A move goes to everyone who has the mover among their nearest, unless a chunk they get carries it. */
    private void routeToWatchers(Occupant m) {
        for (Occupant w : m.watchers) {
            if (!(m.farDue && !farFrom(w, m.x(), m.y(), radius))) {
                w.entries.add(m);
            }
        }
    }

    /**
     * Someone who moved gets the positions of the people standing still who just came into their
     * view: those now within the radius who were beyond it at the last tick. Only the ring the
     * mover's step could have brought into view is searched.
     */
    private void showWhoCameIntoView(Occupant mover) {
        double backX = mover.tickX - mover.x();
        double backY = mover.tickY - mover.y();
        double step = Math.hypot(backX, backY);
        if (step == 0) {
            return;
        }
        positions.forEachNearOutside(mover.x(), mover.y(), radius - step, radius, (other, dx, dy) -> {
            if (other != mover && !other.dirty) {
                double ex = dx - backX;
                double ey = dy - backY;
                if (ex * ex + ey * ey > radiusSquared) {
                    mover.entries.add(other);
                }
            }
        });
    }

    /** Gives the chunk to everyone whose radius reaches into its cell. */
    private void routeChunk(PresenceChunk c) {
        double left = c.cellX * cellSize;
        double top = c.cellY * cellSize;
        double half = cellSize / 2;
        double centreX = left + half;
        double centreY = top + half;
        positions.forEachNear(centreX, centreY, radius + half * Math.sqrt(2), (o, dx, dy) -> {
            double ox = centreX + dx;
            double oy = centreY + dy;
            double nx = ox < left ? left - ox : Math.max(0, ox - (left + cellSize));
            double ny = oy < top ? top - oy : Math.max(0, oy - (top + cellSize));
            if (nx * nx + ny * ny > radiusSquared) {
                return;
            }
            double fx = Math.max(Math.abs(ox - left), Math.abs(ox - left - cellSize));
            double fy = Math.max(Math.abs(oy - top), Math.abs(oy - top - cellSize));
            (fx * fx + fy * fy <= radiusSquared ? o.chunks : o.edgeChunks).add(c);
        });
    }

    private void binaryFrames(Occupant o) {
        for (Occupant e : o.entries) {
            frames.add(e);
        }
        for (PresenceChunk c : o.chunks) {
            if (o.chunk == c) {
                // Never the receiver itself: copy around its own entry.
                frames.addEncoded(c.bytes(), 0, o.chunkIndex);
                frames.addEncoded(c.bytes(), o.chunkIndex + 1, c.movers.size() - o.chunkIndex - 1);
            } else {
                frames.addEncoded(c.bytes(), 0, c.movers.size());
            }
        }
        for (PresenceChunk c : o.edgeChunks) {
            for (Occupant m : c.movers) {
                if (m != o && !farFrom(o, m.x(), m.y(), radius)) {
                    frames.add(m);
                }
            }
        }
        frames.finishBinary();
    }

    private void jsonFrames(Occupant o) {
        for (Occupant e : o.entries) {
            frames.addJson(fragment(e), 1);
        }
        for (PresenceChunk c : o.chunks) {
            if (o.chunk == c) {
                for (Occupant m : c.movers) {
                    if (m != o) {
                        frames.addJson(fragment(m), 1);
                    }
                }
            } else {
                List<String> parts = c.json(this::fragment, JSON_PART);
                for (int i = 0; i < parts.size(); i++) {
                    frames.addJson(parts.get(i), Math.min(JSON_PART, c.movers.size() - i * JSON_PART));
                }
            }
        }
        for (PresenceChunk c : o.edgeChunks) {
            for (Occupant m : c.movers) {
                if (m != o && !farFrom(o, m.x(), m.y(), radius)) {
                    frames.addJson(fragment(m), 1);
                }
            }
        }
        frames.finishJson();
    }

    private void endTick() {
        for (Occupant m : dirty) {
            m.dirty = false;
            m.tickX = m.x();
            m.tickY = m.y();
        }
        dirty.clear();
        for (PresenceChunk c : chunks) {
            for (Occupant m : c.movers) {
                m.farDue = false;
                m.chunk = null;
            }
            c.movers.clear();
            spareChunks.push(c);
        }
        chunks.clear();
        chunkByCell.clear();
        released.forEach(numbers::clear);
        released.clear();
    }

    private static boolean farFrom(Occupant o, double x, double y, double distance) {
        double dx = o.x() - x;
        double dy = o.y() - y;
        return dx * dx + dy * dy > distance * distance;
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

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
