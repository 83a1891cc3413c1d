package io.skyscope.server.world;

import io.skyscope.protocol.Limits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which meeting rooms of a space are locked (by room name), and the passes that let one knocker
 * through a locked door once: a pass admits its holder's next entry within
 * {@value Limits#ROOM_PASS_SECONDS} s and is then gone. Unlocking a room ends its passes. Kept in
 * memory only: a restarted owner starts with every room open. Pure, with an injected clock; not
 * thread-safe: the space's owner thread calls it.
 */
final class RoomLocks {
    private final Clock clock;
    /** Locked room → who locked it, in the order they were locked. */
    private final Map<String, String> locked = new LinkedHashMap<>();
    /** Locked room → holder → until when (clock millis) their pass is good. */
    private final Map<String, Map<String, Long>> passes = new HashMap<>();

    RoomLocks(Clock clock) {
        this.clock = clock;
    }

    boolean any() {
        return !locked.isEmpty();
    }

    boolean isLocked(String room) {
        return locked.containsKey(room);
    }

    /** The locked rooms, in the order they were locked. */
    List<String> rooms() {
        return List.copyOf(locked.keySet());
    }

    /** Locks the room; false if it was locked already. */
    boolean lock(String room, String byUserId) {
        return locked.putIfAbsent(room, byUserId) == null;
    }

    /** Unlocks the room and ends its passes; false if it was not locked. */
    boolean unlock(String room) {
        passes.remove(room);
        return locked.remove(room) != null;
    }

    /** Opens the locked room's door for {@code userId}'s next entry within the pass time. */
    void grant(String room, String userId) {
        if (isLocked(room)) {
            passes.computeIfAbsent(room, r -> new HashMap<>())
                    .put(userId, clock.millis() + Limits.ROOM_PASS_SECONDS * 1000L);
        }
    }

    /** Whether {@code userId} may walk into the room now (it is open, or they hold a good pass); uses nothing up. */
    boolean mayEnter(String room, String userId) {
        if (!isLocked(room)) {
            return true;
        }
        Map<String, Long> held = passes.get(room);
        Long until = held == null ? null : held.get(userId);
        return until != null && until >= clock.millis();
    }

    /** {@code userId} walked into the room: their pass, if they held one, is used up. */
    void entered(String room, String userId) {
        Map<String, Long> held = passes.get(room);
        if (held != null && held.remove(userId) != null && held.isEmpty()) {
            passes.remove(room);
        }
    }

    /** The user left the space: their passes go. Expired passes of others go too. */
    void forget(String userId) {
        long now = clock.millis();
        List<String> emptied = new ArrayList<>();
        passes.forEach((room, held) -> {
            held.remove(userId);
            held.values().removeIf(until -> until < now);
            if (held.isEmpty()) {
                emptied.add(room);
            }
        });
        emptied.forEach(passes::remove);
    }
}
