package io.skyscope.server.world;

import io.skyscope.protocol.ServerMessage.Changed;
import io.skyscope.protocol.Status;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status and profile changes of the people in a space, gathered for the next tick's presence
 * batch (the latest change per person), and the automatic away: someone available who did
 * nothing for {@code idleAwaySeconds} becomes away, and is available again at their next move.
 * Part of {@link SpaceState}, with its thread rules.
 */
final class StatusChanges {
    private final Map<String, Changed> changed = new LinkedHashMap<>();
    private final Clock clock;
    private final long idleAwayMillis;
    private long lastIdleCheck;

    StatusChanges(Clock clock, long idleAwaySeconds) {
        this.clock = clock;
        this.idleAwayMillis = idleAwaySeconds * 1000;
    }

    /** The user did something: active now, and back from an automatic away. */
    void active(Occupant o) {
        o.lastActivityMillis = clock.millis();
        if (o.autoAway) {
            o.autoAway = false;
            o.status = Status.AVAILABLE;
            changed(o);
        }
    }

    /** The user set a status themselves. */
    void status(Occupant o, Status status, String text) {
        o.autoAway = false;
        o.lastActivityMillis = clock.millis();
        o.status = status;
        o.statusText = text;
        changed(o);
    }

    void profile(Occupant o, String displayName, String avatar, String photo) {
        o.displayName = displayName;
        o.avatar = avatar;
        o.photo = photo;
        changed(o);
    }

    /** The user left: nothing of theirs goes out. */
    void forget(String userId) {
        changed.remove(userId);
    }

    /** At most once a second: marks away whoever was available and idle too long. */
    void checkIdle(Collection<Occupant> occupants) {
        long now = clock.millis();
        if (now - lastIdleCheck < 1000) {
            return;
        }
        lastIdleCheck = now;
        for (Occupant o : occupants) {
            if (o.status == Status.AVAILABLE && now - o.lastActivityMillis >= idleAwayMillis) {
                o.status = Status.AWAY;
                o.autoAway = true;
                changed(o);
            }
        }
    }

    /** The changes gathered since the last {@link #clear}, oldest first. */
    Collection<Changed> pending() {
        return changed.values();
    }

    void clear() {
        changed.clear();
    }

    private void changed(Occupant o) {
        changed.put(o.userId, new Changed(o.userId, o.displayName, o.avatar, o.status, o.statusText, o.photo));
    }
}
