package io.skyscope.desktop.office;

import io.skyscope.desktop.render.Facing;
import io.skyscope.protocol.Person;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Smooth movement for other people's avatars. Positions arrive about ten times a second for people
 * near me and less often for those farther away; each new one becomes a target the avatar walks to
 * at the speed that gets it there by the time the next update is expected (judged from how long
 * the last one took), so motion looks continuous instead of jumping every update. A jump further than {@value #SNAP_PX} px
 * (a map change, someone who just came into view) is shown as a jump.
 *
 * <p>Threads: FX thread only.
 */
public final class AvatarMotion {
    static final double SNAP_PX = 400;
    /** Slowest update rate the server uses for people far away is 2 Hz; longer gaps are pauses. */
    static final double MAX_INTERVAL = 0.75;

    /** Where one avatar is drawn now. */
    public static final class Track {
        double x;
        double y;
        double targetX;
        double targetY;
        double speed;
        Facing facing = Facing.DOWN;
        double phase = -1;
        double sinceUpdate;

        public double x() {
            return x;
        }

        public double y() {
            return y;
        }

        public Facing facing() {
            return facing;
        }

        /** 0..1 through the walk cycle, or -1 when standing. */
        public double phase() {
            return phase;
        }
    }

    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * Advances every avatar by {@code dt} seconds towards the latest positions in {@code people};
     * {@code tickSeconds} is how often the server sends positions.
     */
    public void update(Map<String, Person> people, String me, double dt, double tickSeconds) {
        for (Person p : people.values()) {
            if (p.userId().equals(me)) {
                continue;
            }
            Track t = tracks.get(p.userId());
            if (t == null) {
                t = new Track();
                t.x = t.targetX = p.x();
                t.y = t.targetY = p.y();
                tracks.put(p.userId(), t);
            } else if (p.x() != t.targetX || p.y() != t.targetY) {
                double d = Math.hypot(p.x() - t.x, p.y() - t.y);
                // After a pause the gap says nothing about the update rate; assume the fast one.
                double interval = t.sinceUpdate > MAX_INTERVAL ? tickSeconds : Math.max(tickSeconds, t.sinceUpdate);
                t.sinceUpdate = 0;
                t.targetX = p.x();
                t.targetY = p.y();
                if (d > SNAP_PX) {
                    t.x = p.x();
                    t.y = p.y();
                    t.speed = 0;
                } else {
                    // Arrive a little after the next update is due, so the avatar rarely stops mid-walk.
                    t.speed = d / (interval * 1.25);
                }
            }
            t.sinceUpdate += dt;
            advance(t, dt);
        }
        for (Iterator<String> it = tracks.keySet().iterator(); it.hasNext(); ) {
            if (!people.containsKey(it.next())) {
                it.remove();
            }
        }
        tracks.remove(me);
    }

    public Track track(String userId) {
        return tracks.get(userId);
    }

    private static void advance(Track t, double dt) {
        double dx = t.targetX - t.x;
        double dy = t.targetY - t.y;
        double d = Math.hypot(dx, dy);
        double stepLength = t.speed * dt;
        if (d < 1e-6) {
            t.phase = -1;
            return;
        }
        if (stepLength >= d) {
            t.x = t.targetX;
            t.y = t.targetY;
        } else {
            t.x += dx / d * stepLength;
            t.y += dy / d * stepLength;
        }
        t.facing = Facing.of(dx, dy, t.facing);
        t.phase = ((t.phase < 0 ? 0 : t.phase) + dt * 4) % 1.0;
    }
}
