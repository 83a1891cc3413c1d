package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who is walking past: someone who went further since the last tick than the space's walking
 * speed allows. A walker keeps the calls they have but starts no new one ({@link DesiredLinks}).
 *
 * <p>Clients report a step every 100 ms or so, not in time with the ticks, so a tick may carry no
 * step, or a short one, from someone still walking. A walker therefore counts as walking until no
 * tick has found them fast for {@link #STILL_MILLIS}; then they are looked at again, as someone
 * who stopped, and find the people around them. Owned by the engine's thread.
 */
final class Walkers {
    /** How long a walker must go without a fast step to count as stopped. */
    static final long STILL_MILLIS = 150;

    private final List<VoiceMember> walking = new ArrayList<>();
    private long lastTick = Long.MIN_VALUE;
    private boolean judging;
    /** How far someone at the walking speed goes in this tick, squared. */
    private double pace2;

    /**
     * Starts a tick: whoever has not been fast for {@link #STILL_MILLIS} (or everyone, with the
     * rule off or the clock not moving forward) stops walking and, if still in open space, is
     * handed to {@code stopped}.
     */
    void tick(long now, double walkingSpeed, Consumer<VoiceMember> stopped) {
        long elapsed = lastTick == Long.MIN_VALUE ? 0 : now - lastTick;
        lastTick = now;
        judging = walkingSpeed > 0 && elapsed > 0;
        double pace = walkingSpeed * elapsed / 1000.0;
        pace2 = pace * pace;
        for (Iterator<VoiceMember> it = walking.iterator(); it.hasNext(); ) {
            VoiceMember m = it.next();
            boolean gone = m.removed || m.zone != Zone.OPEN;
            if (gone || !judging || now - m.walkedAt >= STILL_MILLIS) {
                m.walking = false;
                it.remove();
                if (!gone) {
                    stopped.accept(m);
                }
            }
        }
    }

    /**
     * Judges someone who moved or changed, before the rules look at them: fast since the last tick?
     * Returns whether they started walking past just now.
     */
    boolean judge(VoiceMember m, long now) {
        double dx = m.x - m.tickX;
        double dy = m.y - m.tickY;
        m.tickX = m.x;
        m.tickY = m.y;
        if (judging && dx * dx + dy * dy > pace2) {
            m.walkedAt = now;
            if (!m.walking) {
                m.walking = true;
                walking.add(m);
                return true;
            }
        }
        return false;
    }
}
