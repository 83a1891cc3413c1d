package io.skyscope.desktop.etiquette;

import io.skyscope.client.Etiquette;
import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.client.World;
import io.skyscope.protocol.Person;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where my desktop avatar may walk: the office map's walls, and while meeting rooms are locked
 * the session's {@link Etiquette#terrain()} (those rooms are walls to me unless I am inside or was
 * let in). The locked terrain is made again only when what it depends on changes: the locked
 * rooms, the room I stand in, a let-in ({@link #passChanged()}), and every few seconds for a
 * pass that ran out.
 *
 * <p>Threads: FX thread only (the walker steps there).
 */
public final class LockAwareTerrain implements Walker.Terrain {
    private static final long PASS_CHECK_MILLIS = 5000;

    private final Session session;
    private final Walker.Terrain base;
    private Key key;
    private Walker.Terrain current;
    private long passes;

    private record Key(Set<String> locked, String myRoom, long passes, long period) {
    }

    public LockAwareTerrain(Session session, Walker.Terrain base) {
        this.session = session;
        this.base = base;
    }

    /** A knock's answer let me in: the room's door is open to me for a while. */
    public void passChanged() {
        passes++;
    }

    /** The locked meeting room at (x, y) that is a wall to me now, if there is one. */
    public Optional<String> closedRoomAt(double x, double y) {
        if (!base.walkable(x, y) || now().walkable(x, y)) {
            return Optional.empty();
        }
        return session.etiquette().meetingRoomAt(x, y).filter(room -> session.snapshot().isLocked(room));
    }

    @Override
    public boolean walkable(double x, double y) {
        return now().walkable(x, y);
    }

    @Override
    public boolean segmentClear(double x0, double y0, double x1, double y1) {
        return now().segmentClear(x0, y0, x1, y1);
    }

    @Override
    public List<Walker.Point> path(double fromX, double fromY, double toX, double toY) {
        return now().path(fromX, fromY, toX, toY);
    }

    private Walker.Terrain now() {
        World w = session.snapshot();
        if (w.lockedRooms().isEmpty()) {
            return base;
        }
        Person me = w.self();
        String room = me == null ? null : session.etiquette().meetingRoomAt(me.x(), me.y()).orElse(null);
        Key k = new Key(w.lockedRooms(), room, passes, System.currentTimeMillis() / PASS_CHECK_MILLIS);
        if (!k.equals(key)) {
            current = session.etiquette().terrain().<Walker.Terrain>map(t -> t).orElse(base);
            key = k;
        }
        return current;
    }
}
