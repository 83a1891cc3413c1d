package io.skyscope.server.world.proximity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which meeting rooms are heard through the media server's mix instead of direct links, and who is
 * told to enter or leave each mix ({@link VoiceEvent.RoomMedia}). Owned by the engine's thread.
 *
 * <p>A room goes to the mix as soon as it holds more than {@code roomMesh} people: everyone in it
 * enters the mix, and whoever walks in while it is mixed enters it too. It comes back to direct
 * links only once it has held {@code roomMesh} or fewer for {@link #HOLD_MILLIS} without a break,
 * so that someone standing in the doorway, stepping in and out, moves the room between the mix
 * and direct links at most once each way in that time (a band of one person would leave a room
 * of exactly {@code roomMesh} on the media server although the mesh could carry it). An empty
 * room, or a space without a media server, leaves the mix at once.
 *
 * <p>A switch hands over for {@link #HANDOVER_MILLIS}: going to the mix, the direct links in the
 * room are kept that long after everyone is sent to the mix (which they must first join on the
 * media server); going back, the people stay in the mix that long after their direct links are
 * wanted (they are made after the debounce, then set up). Without it a voice dropped out for
 * 240-840 ms going to the mix and about 600 ms going back on this host; with it a voice may be
 * heard twice for part of that second. Whoever walks out meanwhile leaves the mix at once, and a
 * room that goes over the mesh again while handing back keeps them in it.
 */
final class RoomMix {
    /** How long a mixed room must stay within the mesh before it goes back to direct links. */
    static final long HOLD_MILLIS = 10_000;
    /** How long the people of a room going back to direct links stay in its mix. */
    static final long HANDOVER_MILLIS = 1_000;

    private static final class Mixed {
        final Set<VoiceMember> inMix = new LinkedHashSet<>();
        /** When the room went to the mix (the clock's millis), and whether its handover is over. */
        final long since;
        boolean handedIn;
        /** Since when (the clock's millis) the room has held no more than the mesh; -1: it holds more. */
        long fewSince = -1;

        Mixed(long since) {
            this.since = since;
        }
    }

    /** Who is still in the mix of a room gone back to direct links, and since when. */
    private record HandingBack(Set<VoiceMember> inMix, long since) {
    }

    private final Map<Zone, Mixed> rooms = new HashMap<>();
    private final Map<Zone, HandingBack> handingBack = new HashMap<>();

    /**
     * Decides whether the meeting room {@code zone}, holding {@code inRoom}, is heard through the mix
     * after this look, and tells {@code out} who enters and who leaves the mix.
     *
     * @param media whether a media server carries this space's rooms (false: direct links, as ever)
     */
    boolean mixed(Zone zone, Set<VoiceMember> inRoom, boolean media, int mesh, long now, Consumer<VoiceEvent> out) {
        String room = zone.area().name();
        HandingBack leaving = handingBack.get(zone);
        if (leaving != null) {
            boolean over = !media || now - leaving.since() >= HANDOVER_MILLIS;
            for (Iterator<VoiceMember> it = leaving.inMix().iterator(); it.hasNext(); ) {
                VoiceMember m = it.next();
                boolean stays = inRoom.contains(m);
                if (over || !stays) {
                    out.accept(new VoiceEvent.RoomMedia(m.id, room, false, stays));
                    it.remove();
                }
            }
            if (leaving.inMix().isEmpty()) {
                handingBack.remove(zone);
                leaving = null;
            }
        }
        Mixed mix = rooms.get(zone);
        int n = inRoom.size();
        if (mix == null) {
            if (!media || n <= mesh) {
                return false;
            }
            mix = new Mixed(now);
            rooms.put(zone, mix);
            if (leaving != null) {
                // Over the mesh again before the handover ended: they never left the mix.
                mix.inMix.addAll(leaving.inMix());
                handingBack.remove(zone);
            }
        }
        if (n > mesh) {
            mix.fewSince = -1;
        } else if (mix.fewSince < 0) {
            mix.fewSince = now;
        }
        boolean back = !media || n == 0 || (mix.fewSince >= 0 && now - mix.fewSince >= HOLD_MILLIS);
        boolean handOver = back && media && n > 0;
        for (Iterator<VoiceMember> it = mix.inMix.iterator(); it.hasNext(); ) {
            VoiceMember m = it.next();
            boolean stays = inRoom.contains(m);
            if (!stays || (back && !handOver)) {
                out.accept(new VoiceEvent.RoomMedia(m.id, room, false, stays));
                it.remove();
            }
        }
        if (back) {
            rooms.remove(zone);
            if (handOver) {
                handingBack.put(zone, new HandingBack(mix.inMix, now));
            }
            return false;
        }
        for (VoiceMember m : inRoom) {
            if (mix.inMix.add(m)) {
                out.accept(new VoiceEvent.RoomMedia(m.id, room, true, false));
            }
        }
        return true;
    }

    /**
     * Whether the mixed room's direct links are kept still, while its people join the mix; false
     * once that handover is over (and for a room that is not mixed).
     */
    boolean handingIn(Zone zone, long now) {
        Mixed mix = rooms.get(zone);
        if (mix == null || mix.handedIn) {
            return false;
        }
        mix.handedIn = now - mix.since >= HANDOVER_MILLIS;
        return !mix.handedIn;
    }

    /**
     * Hands {@code redo} each mixed room whose hold ran out (it goes back to direct links at this
     * tick) or whose handover to the mix ended (its direct links end), and each room whose handover
     * back ended (its people leave the mix).
     */
    void due(long now, Consumer<Zone> redo) {
        for (var entry : rooms.entrySet()) {
            Mixed mix = entry.getValue();
            if ((mix.fewSince >= 0 && now - mix.fewSince >= HOLD_MILLIS)
                    || (!mix.handedIn && now - mix.since >= HANDOVER_MILLIS)) {
                redo.accept(entry.getKey());
            }
        }
        for (var entry : handingBack.entrySet()) {
            if (now - entry.getValue().since() >= HANDOVER_MILLIS) {
                redo.accept(entry.getKey());
            }
        }
    }

    /**
     * The media server's rooms are gone (an outage, or it came back): every mix is forgotten
     * without telling anyone, since whoever watches the media server told them already. The next
     * look at each room puts it on direct links, or in a mix made afresh.
     */
    void restart() {
        rooms.clear();
        handingBack.clear();
    }

    /** Whether the room is heard through the mix (for tests and metrics). */
    boolean mixed(Zone zone) {
        return rooms.containsKey(zone);
    }
}
