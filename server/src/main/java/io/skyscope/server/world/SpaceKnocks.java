package io.skyscope.server.world;

import static io.skyscope.server.world.EtiquetteReplies.ack;
import static io.skyscope.server.world.EtiquetteReplies.limited;
import static io.skyscope.server.world.EtiquetteReplies.refuse;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Knocks in a space: on a locked meeting room (everyone inside may answer) or at someone in
 * do-not-disturb the knocker stands beside (within the voice join radius), and their answers: a
 * let-in gives the knocker a pass through the room's door ({@link RoomLocks#grant}). A knock can be
 * answered for {@link #KNOCK_OPEN}. Part of {@link SpaceEtiquette}, with its thread rules (the
 * space's owner thread) and its purity.
 */
final class SpaceKnocks {
    /** How long an unanswered knock can still be answered. */
    static final Duration KNOCK_OPEN = Duration.ofSeconds(60);

    private final SpaceState state;
    private final RoomLocks locks;
    private final Clock clock;
    /** A knock at the same room or person: one per 10 s per knocker. */
    private final Throttle knockPerTarget;
    /** Knocks of one knocker: 6 a minute. */
    private final Throttle knocks;
    private final List<Knock> pending = new ArrayList<>();

    /** A knock not answered yet: at a room ({@code room} set) or at a person ({@code userId}). */
    private record Knock(String knockerId, String room, String userId, long until) {
    }

    SpaceKnocks(SpaceState state, RoomLocks locks, Clock clock) {
        this.state = state;
        this.locks = locks;
        this.clock = clock;
        this.knockPerTarget = new Throttle(clock, 1, Duration.ofSeconds(10));
        this.knocks = new Throttle(clock, 6, Duration.ofMinutes(1));
    }

    void knock(String userId, EtiquetteCommand.Knock k, List<Delivery> out) {
        if (k.room() != null) {
            knockRoom(userId, k.room(), k.ref(), out);
        } else {
            knockPerson(userId, k.userId(), k.ref(), out);
        }
    }

    /** The user left the space: their knocks and the knocks at them go. */
    void forget(String userId) {
        pending.removeIf(k -> k.knockerId().equals(userId) || userId.equals(k.userId()));
    }

    /** The room was unlocked: nobody needs to answer its knocks any more. */
    void opened(String room) {
        pending.removeIf(k -> room.equals(k.room()));
    }

    /** Forgets knocks too old to answer and the limits' old events. */
    void prune(long now) {
        pending.removeIf(k -> k.until() < now);
        knockPerTarget.prune();
        knocks.prune();
    }

    private void knockRoom(String userId, String room, String ref, List<Delivery> out) {
        Optional<MapArea> area = state.meetingRoom(room);
        if (area.isEmpty()) {
            refuse(userId, ErrorCode.UNKNOWN_ROOM, "room", "this map has no meeting room named '" + room + "'",
                    ref, out);
            return;
        }
        if (!locks.isLocked(room)) {
            refuse(userId, ErrorCode.ROOM_NOT_LOCKED, "room", "'" + room + "' is not locked; walk in", ref, out);
            return;
        }
        if (area.equals(state.areaOf(userId))) {
            refuse(userId, ErrorCode.BAD_REQUEST, "room", "you are inside '" + room + "' already", ref, out);
            return;
        }
        List<String> inside = state.inArea(area.get());
        if (inside.isEmpty()) {
            refuse(userId, ErrorCode.ROOM_EMPTY, "room", "nobody is inside '" + room + "' to open the door", ref, out);
            return;
        }
        if (knockLimited(userId, "room:" + room, ref, out)) {
            return;
        }
        remember(new Knock(userId, room, null, clock.millis() + KNOCK_OPEN.toMillis()));
        var knock = new EtiquetteEvent.Knock(userId, state.person(userId).displayName(), room);
        inside.forEach(id -> out.add(new Delivery(id, knock)));
        ack(userId, ref, "knock", out);
    }

    private void knockPerson(String userId, String targetId, String ref, List<Delivery> out) {
        Person target = state.person(targetId);
        if (target == null) {
            refuse(userId, ErrorCode.NOT_PRESENT, "userId", "that person is not in this space", ref, out);
            return;
        }
        if (targetId.equals(userId)) {
            refuse(userId, ErrorCode.BAD_REQUEST, "userId", "you cannot knock at yourself", ref, out);
            return;
        }
        if (target.status() != Status.DND) {
            refuse(userId, ErrorCode.NOT_DO_NOT_DISTURB, "userId", target.displayName()
                    + " is not in do-not-disturb; just say hello", ref, out);
            return;
        }
        Person me = state.person(userId);
        double radius = state.voiceSettings().joinRadius();
        if (Math.hypot(me.x() - target.x(), me.y() - target.y()) > radius) {
            refuse(userId, ErrorCode.NOT_NEARBY, "userId", "walk up to " + target.displayName()
                    + " first: a knock reaches " + Math.round(radius) + " px", ref, out);
            return;
        }
        if (knockLimited(userId, "user:" + targetId, ref, out)) {
            return;
        }
        remember(new Knock(userId, null, targetId, clock.millis() + KNOCK_OPEN.toMillis()));
        out.add(new Delivery(targetId, new EtiquetteEvent.Knock(userId, me.displayName(), null)));
        ack(userId, ref, "knock", out);
    }

    void answer(String userId, String knockerId, boolean admit, String ref, List<Delivery> out) {
        Optional<MapArea> here = state.areaOf(userId);
        long now = clock.millis();
        Knock found = null;
        for (Iterator<Knock> it = pending.iterator(); it.hasNext(); ) {
            Knock k = it.next();
            boolean mine = k.room() != null ? here.isPresent() && here.get().kind() == AreaKind.MEETING_ROOM
                    && here.get().name().equals(k.room()) : userId.equals(k.userId());
            if (k.knockerId().equals(knockerId) && mine && k.until() >= now) {
                it.remove();
                found = k;
                break;
            }
        }
        if (found == null) {
            refuse(userId, ErrorCode.NO_KNOCK, "knockerId", "no knock of theirs is waiting for you (answered, "
                    + "withdrawn, or older than " + KNOCK_OPEN.toSeconds() + " s)", ref, out);
            return;
        }
        int pass = 0;
        if (admit && found.room() != null) {
            locks.grant(found.room(), knockerId);
            pass = Limits.ROOM_PASS_SECONDS;
        }
        var answered = new EtiquetteEvent.KnockAnswered(knockerId, found.room(), admit, userId,
                state.person(userId).displayName(), pass);
        Set<String> told = new LinkedHashSet<>();
        told.add(knockerId);
        if (found.room() != null) {
            told.addAll(state.inArea(here.get()));
        } else {
            told.add(userId);
        }
        told.stream().filter(state::contains).forEach(id -> out.add(new Delivery(id, answered)));
        ack(userId, ref, "knock.answer", out);
    }

    private boolean knockLimited(String userId, String target, String ref, List<Delivery> out) {
        String pair = userId + "|" + target;
        if (limited(userId, ref, out, "knocks here", knockPerTarget, pair)
                || limited(userId, ref, out, "knocks", knocks, userId)) {
            return true;
        }
        knockPerTarget.count(pair);
        knocks.count(userId);
        return false;
    }

    /** A new knock replaces the knocker's earlier one at the same room or person. */
    private void remember(Knock knock) {
        pending.removeIf(k -> k.knockerId().equals(knock.knockerId())
                && Objects.equals(k.room(), knock.room()) && Objects.equals(k.userId(), knock.userId()));
        pending.add(knock);
    }

}
