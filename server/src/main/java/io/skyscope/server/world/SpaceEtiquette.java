package io.skyscope.server.world;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Office etiquette in a space: locked meeting rooms ({@link RoomLocks}), knocks on a locked door
 * or at someone in do-not-disturb and their answers, waves, and reactions above an avatar. Part
 * of {@link SpaceState}, with its thread rules (the owner's thread) and its purity: commands in,
 * {@link Delivery deliveries} out, time from the injected clock. A refused command is answered
 * with an {@code error} delivery to its sender rather than an exception, since it runs on the
 * owner's thread.
 *
 * <p>Every command that reaches other people is rate-limited per sender (and a wave also per
 * target), so nobody can flood others with notices; what it costs is bounded by the space:
 * a lock notice goes to everyone present, a reaction to the people within the interest radius.
 */
final class SpaceEtiquette {
    /** How long an unanswered knock can still be answered. */
    static final Duration KNOCK_OPEN = Duration.ofSeconds(60);
    static final Duration PRUNE_EVERY = Duration.ofSeconds(10);

    private final SpaceState state;
    private final Clock clock;
    private final RoomLocks locks;
    /** Lock and unlock: 10 a minute per person (each tells everyone present). */
    private final Throttle locking;
    /** A knock at the same room or person: one per 10 s per knocker. */
    private final Throttle knockPerTarget;
    /** Knocks of one knocker: 6 a minute. */
    private final Throttle knocks;
    /** A wave at the same person: one per 10 s per waver. */
    private final Throttle wavePerPair;
    /** Waves of one waver: 10 a minute. */
    private final Throttle waves;
    /** Waves one person receives: 20 a minute, whoever waves. */
    private final Throttle wavedAt;
    /** Reactions of one person: 5 per 10 s. */
    private final Throttle reactions;
    private final List<Knock> pending = new ArrayList<>();
    /** Locked rooms someone walked out of since the last tick: unlocked at the tick if now empty. */
    private final Set<String> maybeEmpty = new LinkedHashSet<>();
    private long lastPrune;

    /** A knock not answered yet: at a room ({@code room} set) or at a person ({@code userId}). */
    private record Knock(String knockerId, String room, String userId, long until) {
    }

    SpaceEtiquette(SpaceState state, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.locks = new RoomLocks(clock);
        this.locking = new Throttle(clock, 10, Duration.ofMinutes(1));
        this.knockPerTarget = new Throttle(clock, 1, Duration.ofSeconds(10));
        this.knocks = new Throttle(clock, 6, Duration.ofMinutes(1));
        this.wavePerPair = new Throttle(clock, 1, Duration.ofSeconds(10));
        this.waves = new Throttle(clock, 10, Duration.ofMinutes(1));
        this.wavedAt = new Throttle(clock, 20, Duration.ofMinutes(1));
        this.reactions = new Throttle(clock, 5, Duration.ofSeconds(10));
    }

    List<String> lockedRooms() {
        return locks.rooms();
    }

    /** Runs one etiquette command of a present user; {@code manager}: an owner or admin of the space. */
    List<Delivery> handle(String userId, boolean manager, EtiquetteCommand command) {
        List<Delivery> out = new ArrayList<>();
        if (!state.contains(userId)) {
            return out;
        }
        switch (command) {
            case EtiquetteCommand.Lock l -> lock(userId, manager, l.room(), true, l.ref(), out);
            case EtiquetteCommand.Unlock u -> lock(userId, manager, u.room(), false, u.ref(), out);
            case EtiquetteCommand.Knock k -> {
                if (k.room() != null) {
                    knockRoom(userId, k.room(), k.ref(), out);
                } else {
                    knockPerson(userId, k.userId(), k.ref(), out);
                }
            }
            case EtiquetteCommand.KnockAnswer a -> answer(userId, a.knockerId(), a.admit(), a.ref(), out);
            case EtiquetteCommand.Wave w -> wave(userId, w.userId(), w.ref(), out);
            case EtiquetteCommand.React r -> react(userId, r.emoji(), r.ref(), out);
        }
        return out;
    }

    // ---- movement -------------------------------------------------------------------------

    /** The locked room a step from {@code from} to {@code to} would walk into without a pass, if any. */
    Optional<MapArea> refusedEntry(String userId, MapArea from, MapArea to) {
        if (to == null || to.kind() != AreaKind.MEETING_ROOM || to.equals(from)) {
            return Optional.empty();
        }
        return locks.mayEnter(to.name(), userId) ? Optional.empty() : Optional.of(to);
    }

    /** Whether any room is locked (else moves need no area look-ups here). */
    boolean anyLocked() {
        return locks.any();
    }

    /** A step from {@code from} to {@code to} was accepted: a pass is used up, a room may have emptied. */
    void walked(String userId, MapArea from, MapArea to) {
        if (to != null && !to.equals(from)) {
            locks.entered(to.name(), userId);
        }
        if (from != null && !from.equals(to)) {
            left(from);
        }
    }

    /** Someone left {@code area} (walked out, left the space, was placed elsewhere). */
    void left(MapArea area) {
        if (area != null && locks.isLocked(area.name())) {
            maybeEmpty.add(area.name());
        }
    }

    /** The user left the space: their knocks, the knocks at them and their passes go. */
    void forget(String userId) {
        pending.removeIf(k -> k.knockerId().equals(userId) || userId.equals(k.userId()));
        locks.forget(userId);
    }

    /** The map changed: every locked room is checked at the next tick (it may be gone, or empty). */
    void mapChanged() {
        maybeEmpty.addAll(locks.rooms());
    }

    /** At each tick: rooms left empty unlock by themselves (everyone is told); old state is pruned. */
    void tick(List<Delivery> out) {
        for (String room : maybeEmpty) {
            Optional<MapArea> area = state.meetingRoom(room);
            if ((area.isEmpty() || state.inArea(area.get()).isEmpty()) && locks.unlock(room)) {
                pending.removeIf(k -> room.equals(k.room()));
                toEveryone(new EtiquetteEvent.RoomLock(room, false, null), out);
            }
        }
        maybeEmpty.clear();
        long now = clock.millis();
        if (now - lastPrune >= PRUNE_EVERY.toMillis()) {
            lastPrune = now;
            pending.removeIf(k -> k.until() < now);
            for (Throttle t : List.of(locking, knockPerTarget, knocks, wavePerPair, waves, wavedAt, reactions)) {
                t.prune();
            }
        }
    }

    // ---- commands -------------------------------------------------------------------------

    private void lock(String userId, boolean manager, String room, boolean lock, String ref, List<Delivery> out) {
        Optional<MapArea> area = state.meetingRoom(room);
        if (area.isEmpty()) {
            refuse(userId, ErrorCode.UNKNOWN_ROOM, "room", "this map has no meeting room named '" + room + "'",
                    ref, out);
            return;
        }
        if (!manager && !area.equals(state.areaOf(userId))) {
            refuse(userId, ErrorCode.NOT_IN_ROOM, "room", "only the people inside '" + room + "' (or an owner or admin"
                    + " of the space) can " + (lock ? "lock" : "unlock") + " it", ref, out);
            return;
        }
        if (limited(userId, ref, out, "locking and unlocking rooms", locking, userId)) {
            return;
        }
        locking.count(userId);
        boolean changed = lock ? locks.lock(room, userId) : locks.unlock(room);
        if (changed) {
            if (!lock) {
                pending.removeIf(k -> room.equals(k.room()));
            }
            toEveryone(new EtiquetteEvent.RoomLock(room, lock, userId), out);
        }
        ack(userId, ref, lock ? "room.lock" : "room.unlock", out);
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

    private void answer(String userId, String knockerId, boolean admit, String ref, List<Delivery> out) {
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

    private void wave(String userId, String targetId, String ref, List<Delivery> out) {
        if (!state.contains(targetId)) {
            refuse(userId, ErrorCode.NOT_PRESENT, "userId", "that person is not in this space", ref, out);
            return;
        }
        if (targetId.equals(userId)) {
            refuse(userId, ErrorCode.BAD_REQUEST, "userId", "you cannot wave at yourself", ref, out);
            return;
        }
        String pair = userId + "|" + targetId;
        if (limited(userId, ref, out, "waves at this person", wavePerPair, pair)
                || limited(userId, ref, out, "waves", waves, userId)
                || limited(userId, ref, out, "waves at " + state.person(targetId).displayName() + " from everyone",
                wavedAt, targetId)) {
            return;
        }
        wavePerPair.count(pair);
        waves.count(userId);
        wavedAt.count(targetId);
        Person me = state.person(userId);
        String area = state.areaOf(userId).map(MapArea::name).orElse(null);
        out.add(new Delivery(targetId, new EtiquetteEvent.Wave(userId, me.displayName(), me.x(), me.y(), area)));
        ack(userId, ref, "wave", out);
    }

    private void react(String userId, String emoji, String ref, List<Delivery> out) {
        if (limited(userId, ref, out, "reactions", reactions, userId)) {
            return;
        }
        reactions.count(userId);
        var reaction = new EtiquetteEvent.Reaction(userId, emoji);
        out.add(new Delivery(userId, reaction));
        state.within(userId, state.interestRadius()).forEach(id -> out.add(new Delivery(id, reaction)));
        ack(userId, ref, "react", out);
    }

    // ---- helpers --------------------------------------------------------------------------

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
                && java.util.Objects.equals(k.room(), knock.room()) && java.util.Objects.equals(k.userId(), knock.userId()));
        pending.add(knock);
    }

    /** Refuses with {@code rate_limited} if {@code key} is over {@code throttle}'s limit. */
    private boolean limited(String userId, String ref, List<Delivery> out, String what, Throttle throttle, String key) {
        long wait = throttle.waitMillis(key);
        if (wait == 0) {
            return false;
        }
        out.add(new Delivery(userId, new ServerMessage.Error(ErrorCode.RATE_LIMITED.wire(), "too many " + what
                + "; try again in " + Math.max(1, (wait + 999) / 1000) + " s", ref, null, wait)));
        return true;
    }

    private void toEveryone(ServerMessage message, List<Delivery> out) {
        String frame = io.skyscope.protocol.ProtocolCodec.encode(message);
        state.userIds().forEach(id -> out.add(Delivery.frame(id, frame)));
    }

    private static void refuse(String userId, ErrorCode code, String field, String message, String ref,
                               List<Delivery> out) {
        out.add(new Delivery(userId, new ServerMessage.Error(code.wire(), message, ref, field, null)));
    }

    private static void ack(String userId, String ref, String of, List<Delivery> out) {
        if (ref != null) {
            out.add(new Delivery(userId, new ServerMessage.Ack(ref, of)));
        }
    }
}
