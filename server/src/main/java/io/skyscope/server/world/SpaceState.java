package io.skyscope.server.world;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.PositionFrame;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.world.proximity.ProximityEngine;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The world of one space: who is where, movement validation, interest management and presence
 * batching. Pure: commands in, {@link Delivery deliveries} out, time from an injected clock; no
 * sockets and no threads. Not thread-safe: its {@link SpaceOwner} calls it from one thread.
 *
 * <p>Interest management: a mover's position goes only to people within the interest radius, and
 * someone who walks up to others receives the positions of those who just came into view. With a
 * spatial hash a tick costs about (movers × people near each), not (people × people).
 *
 * <p>Voice: positions, areas and do-not-disturb feed a {@link ProximityEngine} (through
 * {@link SpaceVoice}), which runs at each tick after the moves; a move into a full meeting room is
 * refused here.
 *
 * <p>Status and profile changes, and the automatic away, are gathered by {@link StatusChanges}.
 *
 * <p>Etiquette (locked meeting rooms, knocks, waves, reactions) is kept by {@link SpaceEtiquette}:
 * a move into a locked room is refused here too, unless the mover holds a pass.
 */
public final class SpaceState {
    private static final int REMEMBERED_POSITIONS = 10_000;
    /**
     * The proximity engine runs every 100 ms (or at every tick, if ticks are longer) whatever the
     * tick: positions go out more often than voice sets change.
     */
    static final int VOICE_TICK_MILLIS = 100;

    private ServerMessage.SpaceInfo info;
    private final WorldTuning tuning;
    private final Clock clock;
    private TiledMap map;
    private Movement movement;
    /** Who stands where, holding the occupants themselves: a crowded tick visits millions of entries. */
    private final SpatialHash<Occupant> positions;
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final Map<String, double[]> lastPositions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > REMEMBERED_POSITIONS;
        }
    };
    private final List<Person> joined = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    private final StatusChanges statuses;
    private final PresenceFanOut fanOut;
    private final SpaceVoice voice;
    private final SpaceEtiquette etiquette;
    private final int voiceEvery;
    private long ticks;

    /** A space with the default voice settings. */
    public SpaceState(ServerMessage.SpaceInfo info, TiledMap map, WorldTuning tuning, Clock clock) {
        this(info, map, tuning, VoiceSettings.defaults(), clock);
    }

    public SpaceState(ServerMessage.SpaceInfo info, TiledMap map, WorldTuning tuning, VoiceSettings voiceSettings,
                      Clock clock) {
        this.info = info;
        this.map = map;
        this.tuning = tuning;
        this.clock = clock;
        this.movement = new Movement(map, rules(tuning), clock);
        // Cells a quarter of the radius wide: a query then looks at ~1.6x the circle's area, not ~3x.
        this.positions = new SpatialHash<>(tuning.interestRadius() / 4);
        this.fanOut = new PresenceFanOut(positions, occupants, tuning.interestRadius(), tuning.tickMillis());
        this.voiceEvery = (int) Math.max(1, Math.round((double) VOICE_TICK_MILLIS / tuning.tickMillis()));
        this.statuses = new StatusChanges(clock, tuning.idleAwaySeconds());
        this.voice = new SpaceVoice(new ProximityEngine(voiceSettings, map.areas(), clock), clock);
        this.etiquette = new SpaceEtiquette(this, clock);
    }

    /**
     * The voice side of the space (who hears whom, signalling, stage speakers); same thread rules as
     * this class. Its owner hands it the commands that concern voice alone.
     */
    SpaceVoice voice() {
        return voice;
    }

    public ServerMessage.SpaceInfo info() {
        return info;
    }

    public int population() {
        return occupants.size();
    }

    public boolean contains(String userId) {
        return occupants.containsKey(userId);
    }

    /**
     * {@link #join Joins} the user and returns all they are sent for it: the welcome; when they
     * were present already (a new connection took over), their calls started afresh
     * ({@link SpaceVoice#reconnected}); and who speaks on the stages.
     */
    public List<Delivery> arrive(JoinRequest request) {
        boolean again = contains(request.userId());
        List<Delivery> out = new ArrayList<>();
        if (!again && fanOut.full()) {
            out.add(new Delivery(request.userId(), ServerMessage.Error.of(ErrorCode.UNAVAILABLE,
                    "this space holds at most " + PositionFrame.MAX_NUMBER + " people at once", request.ref())));
            return out;
        }
        out.add(new Delivery(request.userId(), join(request)));
        if (again) {
            voice.reconnected(request.userId(), out);
        }
        voice.speakersTo(request.userId(), out);
        return out;
    }

    /**
     * Places the user (where the request asks, e.g. at their desk; else where they last were in
     * this space; else at the spawn) and answers with a welcome. A user who is already present (a
     * new connection) keeps their place.
     */
    public ServerMessage.Welcome join(JoinRequest request) {
        long now = clock.millis();
        Occupant o = occupants.get(request.userId());
        if (o == null) {
            double[] at = startPosition(request);
            o = new Occupant(request.userId(), movement.spawnAt(at[0], at[1]));
            o.tickX = at[0];
            o.tickY = at[1];
            if (fanOut.full()) {
                throw new IllegalStateException("this space holds at most " + PositionFrame.MAX_NUMBER + " people at once");
            }
            occupants.put(o.userId, o);
            positions.put(o, at[0], at[1]);
            fanOut.added(o);
            o.displayName = request.displayName();
            o.avatar = request.avatar();
            o.photo = request.photo();
            o.status = request.status() == null ? Status.AVAILABLE : request.status();
            o.statusText = request.statusText();
            o.voice = voice.engine().put(o.userId, at[0], at[1]);
            voice.engine().doNotDisturb(o.userId, o.status == Status.DND);
            left.remove(o.userId);
            joined.add(o.person());
        }
        o.sessionId = request.sessionId();
        o.iceServers = request.iceServers();
        o.binary = request.presence() == PresenceEncoding.BINARY;
        o.lastActivityMillis = now;
        return welcome(o, request.ref());
    }

    /**
     * A welcome for everyone present, as if each had just joined: sent again when some of what
     * the space said may have been lost on the way (the bus between nodes was down), since a
     * welcome replaces everything its receiver knew of the people present. Every call starts
     * afresh too ({@link SpaceVoice#rejoinAll}), and everyone hears again who speaks on the stages.
     */
    public List<Delivery> welcomeAgain() {
        List<Delivery> out = new ArrayList<>();
        occupants.values().forEach(o -> out.add(new Delivery(o.userId, welcome(o, null))));
        List<String> everyone = userIds();
        voice.rejoinAll(everyone, out);
        everyone.forEach(userId -> voice.speakersTo(userId, out));
        return out;
    }

    private ServerMessage.Welcome welcome(Occupant o, String ref) {
        List<Person> people = occupants.values().stream().map(Occupant::person).toList();
        var rules = new ServerMessage.WorldRules(tuning.tickMillis(), tuning.interestRadius(),
                tuning.maxSpeed(), tuning.idleAwaySeconds());
        return new ServerMessage.Welcome(ref, Limits.PROTOCOL_VERSION, o.person(), info, rules,
                people, clock.millis(), o.iceServers, o.binary ? PresenceEncoding.BINARY : PresenceEncoding.JSON,
                etiquette.lockedRooms());
    }

    /** Where everyone present stands: userId → {x, y}. */
    public Map<String, double[]> positions() {
        Map<String, double[]> at = new LinkedHashMap<>();
        occupants.values().forEach(o -> at.put(o.userId, new double[] {o.x(), o.y()}));
        return at;
    }

    /**
     * Positions people had before this owner started (another node owned the space): someone who
     * joins again starts there, if it is walkable, instead of at the spawn.
     */
    public void rememberPositions(Map<String, double[]> positions) {
        positions.forEach((userId, at) -> {
            if (!occupants.containsKey(userId)) {
                lastPositions.put(userId, at);
            }
        });
    }

    /** Removes the user if {@code sessionId} is still theirs (a replaced connection leaves nothing). */
    public boolean leave(String userId, String sessionId) {
        Occupant o = occupants.get(userId);
        if (o == null || (sessionId != null && !sessionId.equals(o.sessionId))) {
            return false;
        }
        occupants.remove(userId);
        positions.remove(o);
        voice.left(userId);
        etiquette.left(map.areaAt(o.x(), o.y()).orElse(null));
        etiquette.forget(userId);
        lastPositions.put(userId, new double[] {o.x(), o.y()});
        fanOut.removed(o);
        statuses.forget(userId);
        if (!joined.removeIf(p -> p.userId().equals(userId))) {
            left.add(userId);
        }
        return true;
    }

    /**
     * Places a present user somewhere walkable without a speed check (server-side placement, e.g.
     * by an admin, a test or a benchmark). Others see it as a move.
     *
     * @throws IllegalArgumentException if the place is not walkable
     */
    public void teleport(String userId, double x, double y) {
        Occupant o = occupants.get(userId);
        if (o == null) {
            return;
        }
        MapArea from = map.areaAt(o.x(), o.y()).orElse(null);
        movement.teleport(o.mover, x, y);
        etiquette.walked(userId, from, map.areaAt(x, y).orElse(null));
        positions.put(o, x, y);
        voice.engine().move(o.voice, x, y);
        fanOut.moved(o);
    }

    /** Validates a move received just now; empty when accepted, else the correction to send back. */
    public Optional<ServerMessage.Correction> move(String userId, double x, double y, long seq) {
        return move(userId, x, y, seq, 0);
    }

    /**
     * Validates a move received {@code ageNanos} ago (it waited in the space's mailbox); empty when
     * accepted, else the correction to send back. Its speed is judged at the time it arrived.
     */
    public Optional<ServerMessage.Correction> move(String userId, double x, double y, long seq, long ageNanos) {
        Occupant o = occupants.get(userId);
        if (o == null) {
            return Optional.empty();
        }
        statuses.active(o);
        o.lastSeq = seq;
        var full = voice.engine().roomFull(o.voice, x, y);
        if (full.isPresent()) {
            return Optional.of(new ServerMessage.Correction(seq, o.x(), o.y(), "room_full", "'"
                    + full.get().room().name() + "' holds " + full.get().capacity() + " people and is full"));
        }
        // Area look-ups only while some room is locked: most moves in a crowd need none.
        MapArea from = null;
        MapArea to = null;
        if (etiquette.anyLocked()) {
            from = map.areaAt(o.x(), o.y()).orElse(null);
            to = map.areaAt(x, y).orElse(null);
            var locked = etiquette.refusedEntry(userId, from, to);
            if (locked.isPresent()) {
                return Optional.of(new ServerMessage.Correction(seq, o.x(), o.y(), "room_locked", "'"
                        + locked.get().name() + "' is locked; knock to be let in"));
            }
        }
        MoveVerdict verdict = movement.check(o.mover, x, y, clock.instant().minusNanos(Math.max(0, ageNanos)));
        if (verdict instanceof MoveVerdict.Rejected(var reason, var message)) {
            return Optional.of(new ServerMessage.Correction(seq, o.x(), o.y(),
                    reason.name().toLowerCase(java.util.Locale.ROOT), message));
        }
        if (etiquette.anyLocked()) {
            etiquette.walked(userId, from, to);
        }
        positions.put(o, o.x(), o.y());
        voice.engine().move(o.voice, o.x(), o.y());
        fanOut.moved(o);
        return Optional.empty();
    }

    public void status(String userId, Status status, String text) {
        Occupant o = occupants.get(userId);
        if (o == null) {
            return;
        }
        statuses.status(o, status, text);
        voice.engine().doNotDisturb(userId, status == Status.DND);
    }

    /** A new name, avatar or photo ({@code photo}: its version, null if none) reaches everyone present. */
    public void profile(String userId, String displayName, String avatar, String photo) {
        Occupant o = occupants.get(userId);
        if (o != null) {
            statuses.profile(o, displayName, avatar, photo);
        }
    }

    /**
     * Swaps in a new map. Everyone present is told ({@code map.changed}); anyone now standing
     * somewhere unwalkable is put back at the spawn and then gets a correction (reason
     * {@code map_changed}) so their client follows.
     */
    public List<Delivery> replaceMap(TiledMap newMap, ServerMessage.SpaceInfo newInfo) {
        this.map = newMap;
        this.info = newInfo;
        this.movement = new Movement(newMap, rules(tuning), clock);
        voice.engine().areas(newMap.areas());
        var spawn = newMap.spawn();
        List<Delivery> out = new ArrayList<>();
        String notice = ProtocolCodec.encode(new ServerMessage.MapChanged(newInfo.id(), newInfo.mapId(),
                newInfo.mapVersion()));
        occupants.keySet().forEach(userId -> out.add(Delivery.frame(userId, notice)));
        for (Occupant o : occupants.values()) {
            if (!newMap.collision().walkable(o.x(), o.y())) {
                movement.teleport(o.mover, spawn.x(), spawn.y());
                positions.put(o, spawn.x(), spawn.y());
                voice.engine().move(o.voice, spawn.x(), spawn.y());
                fanOut.moved(o);
                out.add(new Delivery(o.userId, new ServerMessage.Correction(o.lastSeq, spawn.x(), spawn.y(),
                        "map_changed", "the map changed; you are back at its entrance")));
            }
        }
        lastPositions.clear();
        etiquette.mapChanged();
        return out;
    }

    /** The voice settings in force here; nearby chat carries as far as voice (the join radius). */
    public VoiceSettings voiceSettings() {
        return voice.engine().settings();
    }

    /**
     * A present user's mute, speaking, camera and screen flags, for everyone within the interest
     * radius and for their voice set; nothing if the user is not present.
     */
    public List<Delivery> voiceState(String userId, boolean muted, boolean speaking, boolean camera, boolean screen) {
        List<Delivery> out = new ArrayList<>();
        if (contains(userId)) {
            voice.state(userId, muted, speaking, camera, screen, within(userId, tuning.interestRadius()), out);
        }
        return out;
    }

    /** A present user's client makes warm links or stops ({@link SpaceVoice#warmLinks}); nothing if absent. */
    public List<Delivery> warmLinks(String userId, boolean on, String ref) {
        List<Delivery> out = new ArrayList<>();
        if (contains(userId)) {
            voice.warmLinks(userId, on, ref, out);
        }
        return out;
    }

    /** The people within {@code radius} px of the user right now (not the user), or empty if absent. */
    public List<String> within(String userId, double radius) {
        Occupant o = occupants.get(userId);
        if (o == null) {
            return List.of();
        }
        List<String> near = new ArrayList<>();
        positions.forEachWithin(o.x(), o.y(), radius, other -> {
            if (other != o) {
                near.add(other.userId);
            }
        });
        return near;
    }

    /** Where the user stands, {x, y}, if present. */
    public Optional<double[]> positionOf(String userId) {
        Occupant o = occupants.get(userId);
        return o == null ? Optional.empty() : Optional.of(new double[] {o.x(), o.y()});
    }

    /** The named area (meeting room, silent zone, stage, audience) the user stands in, if any. */
    public Optional<MapArea> areaOf(String userId) {
        Occupant o = occupants.get(userId);
        return o == null ? Optional.empty() : map.areaAt(o.x(), o.y());
    }

    /** The meeting room of this name on the map, if there is one. */
    public Optional<MapArea> meetingRoom(String name) {
        return map.areas().stream().filter(a -> a.kind() == AreaKind.MEETING_ROOM && a.name().equals(name)).findFirst();
    }

    /** How far people see each other move (and see each other's reactions), in px. */
    double interestRadius() {
        return tuning.interestRadius();
    }

    /** Runs an etiquette command of a present user; {@code manager}: an owner or admin of the space. */
    public List<Delivery> etiquette(String userId, boolean manager, EtiquetteCommand command) {
        return etiquette.handle(userId, manager, command);
    }

    /** The meeting rooms locked right now, in the order they were locked. */
    public List<String> lockedRooms() {
        return etiquette.lockedRooms();
    }

    /** The people standing in the meeting room called {@code name} right now; nobody if the map has none. */
    public List<String> inMeetingRoom(String name) {
        return meetingRoom(name).map(this::inArea).orElse(List.of());
    }

    /** The people standing in an area right now. */
    public List<String> inArea(MapArea area) {
        return occupants.values().stream().filter(o -> area.contains(o.x(), o.y())).map(o -> o.userId).toList();
    }

    /** A person present, as others see them, or null. */
    public Person person(String userId) {
        Occupant o = occupants.get(userId);
        return o == null ? null : o.person();
    }

    public List<String> userIds() {
        return List.copyOf(occupants.keySet());
    }

    /**
     * Builds this tick's presence updates, for each person who has something to see, and, every
     * {@value #VOICE_TICK_MILLIS} ms, the voice events.
     */
    public List<Delivery> tick() {
        statuses.checkIdle(occupants.values());
        List<Delivery> out = fanOut.tick(joined, left, statuses.pending());
        joined.clear();
        left.clear();
        statuses.clear();
        if (ticks++ % voiceEvery == 0) {
            voice.tick(out);
        }
        etiquette.tick(out);
        return out;
    }

    private static MovementRules rules(WorldTuning tuning) {
        var d = MovementRules.DEFAULT;
        return new MovementRules(tuning.maxSpeed(), d.burstSeconds(), d.tolerance());
    }

    private double[] startPosition(JoinRequest request) {
        String userId = request.userId();
        if (request.startAt() != null) {
            double[] asked = {request.startAt().x(), request.startAt().y()};
            if (mayStart(userId, asked)) {
                return asked;
            }
        }
        double[] last = lastPositions.get(userId);
        if (last != null && mayStart(userId, last)) {
            return last;
        }
        var spawn = map.spawn();
        return new double[] {spawn.x(), spawn.y()};
    }

    /** Whether someone may appear at {@code at}: walkable, and not in a full or locked meeting room. */
    private boolean mayStart(String userId, double[] at) {
        return map.collision().walkable(at[0], at[1])
                && voice.engine().roomFull(userId, at[0], at[1]).isEmpty()
                && etiquette.refusedEntry(userId, null, map.areaAt(at[0], at[1]).orElse(null)).isEmpty();
    }
}
