package io.skyscope.server.world;

import static io.skyscope.server.world.EtiquetteReplies.ack;
import static io.skyscope.server.world.EtiquetteReplies.limited;
import static io.skyscope.server.world.EtiquetteReplies.refuse;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Office etiquette in a space: locked meeting rooms ({@link RoomLocks}), knocks on a locked door
 * or at someone in do-not-disturb and their answers ({@link SpaceKnocks}), waves, and reactions
 * above an avatar. Part of {@link SpaceState}, with its thread rules (the owner's thread) and its
 * purity: commands in, {@link Delivery deliveries} out, time from the injected clock. A refused
 * command is answered with an {@code error} delivery to its sender rather than an exception, since
 * it runs on the owner's thread.
 *
 * <p>Every command that reaches other people is rate-limited per sender (and a wave and a room's
 * lock also per target), so nobody can flood others with notices; what it costs is bounded by the space:
 * a lock notice goes to everyone present, a reaction to the people within the interest radius.
 */
final class SpaceEtiquette {
    static final Duration PRUNE_EVERY = Duration.ofSeconds(10);

    private final SpaceState state;
    private final Clock clock;
    private final RoomLocks locks;
    /** Lock and unlock: 10 a minute per person (each tells everyone present). */
    private final Throttle locking;
    private final SpaceKnocks knocks;
    /** Lock state changes of one room: 20 a minute, whoever makes them (each tells everyone present). */
    private final Throttle roomChanges;
    /** A wave at the same person: one per 10 s per waver. */
    private final Throttle wavePerPair;
    /** Waves of one waver: 10 a minute. */
    private final Throttle waves;
    /** Waves one person receives: 20 a minute, whoever waves. */
    private final Throttle wavedAt;
    /** Reactions of one person: 5 per 10 s. */
    private final Throttle reactions;
    /** Locked rooms someone walked out of since the last tick: unlocked at the tick if now empty. */
    private final Set<String> maybeEmpty = new LinkedHashSet<>();
    private long lastPrune;

    SpaceEtiquette(SpaceState state, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.locks = new RoomLocks(clock);
        this.locking = new Throttle(clock, 10, Duration.ofMinutes(1));
        this.knocks = new SpaceKnocks(state, locks, clock);
        this.roomChanges = new Throttle(clock, 20, Duration.ofMinutes(1));
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
            refuse(userId, ErrorCode.NOT_IN_SPACE, null, "join the space first", command.ref(), out);
            return out;
        }
        switch (command) {
            case EtiquetteCommand.Lock l -> lock(userId, manager, l.room(), true, l.ref(), out);
            case EtiquetteCommand.Unlock u -> lock(userId, manager, u.room(), false, u.ref(), out);
            case EtiquetteCommand.Knock k -> knocks.knock(userId, k, out);
            case EtiquetteCommand.KnockAnswer a -> knocks.answer(userId, a.knockerId(), a.admit(), a.ref(), out);
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
        knocks.forget(userId);
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
                knocks.opened(room);
                toEveryone(new EtiquetteEvent.RoomLock(room, false, null), out);
            }
        }
        maybeEmpty.clear();
        long now = clock.millis();
        if (now - lastPrune >= PRUNE_EVERY.toMillis()) {
            lastPrune = now;
            knocks.prune(now);
            for (Throttle t : List.of(locking, roomChanges, wavePerPair, waves, wavedAt, reactions)) {
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
        if (limited(userId, ref, out, "locking and unlocking rooms", locking, userId)
                || limited(userId, ref, out, "changes to the lock of '" + room + "'", roomChanges, room)) {
            return;
        }
        locking.count(userId);
        roomChanges.count(room);
        boolean changed = lock ? locks.lock(room, userId) : locks.unlock(room);
        if (changed) {
            if (!lock) {
                knocks.opened(room);
            }
            toEveryone(new EtiquetteEvent.RoomLock(room, lock, userId), out);
        }
        ack(userId, ref, lock ? "room.lock" : "room.unlock", out);
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

    private void toEveryone(ServerMessage message, List<Delivery> out) {
        String frame = ProtocolCodec.encode(message);
        state.userIds().forEach(id -> out.add(Delivery.frame(id, frame)));
    }
}
