package io.skyscope.server.world.proximity;

import io.skyscope.map.AreaIndex;
import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who hears whom in one space: positions, map areas, do-not-disturb and the stage speaker
 * role in; {@link VoiceEvent}s out, once per {@link #tick()}. Pure: no sockets, no threads, time
 * from the injected clock. Not thread-safe: the space's owner calls it from its one thread.
 *
 * <p>The rules: in open space people hear their nearest neighbours within range ({@link
 * DesiredLinks}), and someone walking past (faster since the last tick than the settings' walking
 * speed) starts no new call; everyone in a meeting room hears everyone else in it and nobody
 * outside (with a media server, a room of more than {@code roomMesh} people hears everyone through
 * the media server's mix instead: {@link RoomMix}); a silent zone has no voice; a stage's speakers are heard by its audience;
 * do-not-disturb users are in no voice set. A change of who hears whom is made once it has held
 * for the debounce time, except that a link to someone who left, went do-not-disturb or into a
 * silent zone ends at once.
 *
 * <p>{@link DesiredLinks} applies the rules to a {@code desired} relation; {@link VoiceSets} makes
 * the voice sets the clients are told of follow it; {@link VideoSets} then decides whose camera
 * each person receives among their two-way links with the camera on (the settings' {@code
 * videoPeers} nearest), for the people who moved, whose links changed or whose peer turned their
 * camera on or off.
 *
 * <p>Beside the voice sets, and without changing them, {@link WarmLinks} names warm pairs (a
 * wider radius, connections set up with no audio) among people whose clients make them; their
 * events come from {@link #takeWarmEvents()} after each tick.
 *
 * <p>Cost: a tick works only on people who moved or changed (and on rooms and stages with such
 * people), each with one radius query on a {@link ProximityGrid} of the people in open space.
 */
public final class ProximityEngine {
    private final Clock clock;
    private VoiceSettings settings;
    private List<MapArea> areas;
    private AreaIndex areaIndex;
    private ProximityGrid openSpace;
    private final Map<String, VoiceMember> members = new HashMap<>();
    private final Map<Zone, Set<VoiceMember>> zones = new HashMap<>();
    private final Map<MapArea, Integer> occupancy = new HashMap<>();
    private final Set<String> speakerRole = new LinkedHashSet<>();
    private final List<VoiceMember> dirty = new ArrayList<>();
    private final Walkers walkers = new Walkers();
    private final Set<VoiceMember> freed = new LinkedHashSet<>();
    /** Pairs whose desired link changed this tick, in order; a pair may be in it more than once. */
    private final List<Pair> touched = new ArrayList<>();
    private final Set<Zone> zonesToRedo = new LinkedHashSet<>();
    private final List<VoiceEvent> out = new ArrayList<>();
    private final DesiredLinks rules;
    private final VideoSets video = new VideoSets(out);
    private final VoiceSets voiceSets = new VoiceSets(out, video);
    private final WarmLinks warm = new WarmLinks();
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;
    private MapArea lastArea;

    /** A meeting room that cannot take one more person. */
    public record RoomFull(MapArea room, int capacity) {
    }

    public ProximityEngine(VoiceSettings settings, List<MapArea> areas, Clock clock) {
        this.settings = settings;
        this.areas = List.copyOf(areas);
        this.areaIndex = new AreaIndex(this.areas);
        this.clock = clock;
        this.openSpace = new ProximityGrid(settings.joinRadius());
        this.rules = new DesiredLinks(touched, freed);
    }

    public VoiceSettings settings() {
        return settings;
    }

    /** Adds a person at (x, y), or moves them there; returns their handle for {@link #move}. */
    public VoiceMember put(String userId, double x, double y) {
        VoiceMember m = members.computeIfAbsent(userId, VoiceMember::new);
        move(m, x, y);
        return m;
    }

    /**
     * Moves a person present to (x, y), by the handle {@link #put} returned for them: the same as
     * {@code put(userId, x, y)} without looking them up. Ignored once they have been removed.
     */
    public void move(VoiceMember m, double x, double y) {
        if (m.removed) {
            return;
        }
        m.x = x;
        m.y = y;
        m.furthestKnown = false;
        for (int i = 0; i < m.desired.size(); i++) {
            m.desired.peer(i).furthestKnown = false;
        }
        MapArea area = areaAt(x, y);
        if (!java.util.Objects.equals(area, m.area)) {
            occupy(m.area, -1);
            occupy(area, 1);
            m.area = area;
        }
        if (m.zone == Zone.OPEN) {
            openSpace.put(m, x, y);
        }
        markDirty(m);
    }

    /** The person left the space: their links end at the next tick, without debounce. */
    public void remove(String userId) {
        VoiceMember m = members.remove(userId);
        if (m == null) {
            return;
        }
        m.removed = true;
        occupy(m.area, -1);
        if (m.zone.shared()) {
            zonesToRedo.add(m.zone);
        }
        leaveZone(m);
        rules.dropAll(m);
        voiceSets.forget(m);
        warm.forget(m);
        if (m.dirty) {
            dirty.remove(m);
        }
        freed.remove(m);
        touched.removeIf(p -> p.involves(m));
    }

    public void doNotDisturb(String userId, boolean on) {
        VoiceMember m = members.get(userId);
        if (m != null && m.doNotDisturb != on) {
            m.doNotDisturb = on;
            markDirty(m);
        }
    }

    /**
     * The person turned their camera on or off. Only a camera that is on takes one of a peer's
     * {@code videoPeers} places, so each of their two-way peers chooses again at the next tick.
     */
    public void camera(String userId, boolean on) {
        VoiceMember m = members.get(userId);
        if (m != null && m.camera != on) {
            m.camera = on;
            video.camera(m);
        }
    }

    /**
     * A media server carries this space's stages to up to {@code listeners} listeners each (0: none,
     * direct links up to the settings' {@code stageAudience}), and its meeting rooms of more than
     * the settings' {@code roomMesh} people. Set before anyone is present; set again later (the
     * media server went away: 0, or came back), everyone is looked at again at the next tick.
     */
    public void mediaStages(int listeners) {
        if (rules.mediaStageSize != listeners) {
            rules.mediaStageSize = listeners;
            members.values().forEach(this::markDirty);
        }
    }

    /** Whether the meeting room {@code roomName} is heard through the media server's mix. */
    public boolean mixed(String roomName) {
        return areas.stream().filter(a -> a.kind() == AreaKind.MEETING_ROOM && a.name().equals(roomName))
                .anyMatch(a -> rules.mixed(new Zone(Zone.Kind.ROOM, a)));
    }

    /**
     * The stage whose audience {@code userId} is in where they stand now: on it or in an audience
     * area naming it, without the speaker role (and not do-not-disturb); empty otherwise.
     */
    public Optional<String> stageAudience(String userId) {
        VoiceMember m = members.get(userId);
        if (m == null || speakerRole.contains(userId)) {
            return Optional.empty();
        }
        Zone zone = zoneOf(m);
        return zone.kind() == Zone.Kind.STAGE ? Optional.of(zone.area().name()) : Optional.empty();
    }

    /** Grants or revokes the speaker role on this space's stages; false if nothing changed. */
    public boolean speaker(String userId, boolean on) {
        boolean changed = on ? speakerRole.add(userId) : speakerRole.remove(userId);
        VoiceMember m = members.get(userId);
        if (changed && m != null) {
            markDirty(m);
        }
        return changed;
    }

    public Set<String> speakers() {
        return Set.copyOf(speakerRole);
    }

    /** New settings (a space owner changed them): everyone is re-evaluated at the next tick. */
    public void settings(VoiceSettings newSettings) {
        if (newSettings.joinRadius() != settings.joinRadius()) {
            var rebuilt = new ProximityGrid(newSettings.joinRadius());
            for (VoiceMember m : members.values()) {
                if (m.zone == Zone.OPEN) {
                    m.slot = -1;
                    rebuilt.put(m, m.x, m.y);
                }
            }
            openSpace = rebuilt;
        }
        settings = newSettings;
        members.values().forEach(this::markDirty);
    }

    /**
     * The media server stopped answering ({@code listeners} 0: stages go over direct links, with
     * their limits and refusals, as without one) or answers again. Every stage starts afresh at
     * the next tick: its audience is admitted again, and everyone in it goes into its media room
     * again or gets direct links. Mixed meeting rooms start afresh too: on direct links while it is
     * down, mixed again (everyone sent to a new mix) once it answers. Nobody is told to leave a
     * media room here: whoever watches the media server has told them already.
     */
    public void restartMediaStages(int listeners) {
        rules.media(listeners);
        members.values().forEach(this::markDirty);
    }

    /** The map changed: areas are looked up again for everyone. */
    public void areas(List<MapArea> newAreas) {
        areas = List.copyOf(newAreas);
        areaIndex = new AreaIndex(areas);
        lastX = Double.NaN;
        occupancy.clear();
        for (VoiceMember m : members.values()) {
            m.area = areaAt(m.x, m.y);
            occupy(m.area, 1);
            markDirty(m);
        }
    }

    /**
     * Whether {@code userId} may step onto (x, y): empty unless that is in a meeting room they are
     * not in yet and which is full. Rooms hold their {@code capacity} property, at most the
     * configured room capacity.
     */
    public Optional<RoomFull> roomFull(String userId, double x, double y) {
        return roomFull(members.get(userId), x, y);
    }

    /** {@link #roomFull(String, double, double)} by the handle {@link #put} returned (or null: nobody yet). */
    public Optional<RoomFull> roomFull(VoiceMember m, double x, double y) {
        MapArea area = areaAt(x, y);
        if (area == null || area.kind() != AreaKind.MEETING_ROOM) {
            return Optional.empty();
        }
        if (m != null && !m.removed && area.equals(m.area)) {
            return Optional.empty();
        }
        int capacity = Math.min(area.capacity().orElse(settings.roomCapacity()), settings.roomCapacity());
        return occupancy.getOrDefault(area, 0) >= capacity ? Optional.of(new RoomFull(area, capacity))
                : Optional.empty();
    }

    /**
     * {@code userId}'s client makes warm links ({@code on}) or stops. Either way their warm links
     * end now, told by {@link #takeWarmEvents()}; with {@code on} the next tick warms them again.
     */
    public void warmLinks(String userId, boolean on) {
        VoiceMember m = members.get(userId);
        if (m != null) {
            warm.capable(m, on);
        }
    }

    /** Whether the two have a warm link (as the clients were told). */
    public boolean warm(String a, String b) {
        VoiceMember m = members.get(a);
        VoiceMember peer = members.get(b);
        return m != null && peer != null && m.warm.get(peer) != null;
    }

    /** Warm links in the space (each pair once). */
    public int warmCount() {
        return warm.count();
    }

    /** What changed in warm links since the last call, for the clients; in order. */
    public List<WarmEvent> takeWarmEvents() {
        return warm.take();
    }

    /** Whether the two are in each other's voice set (as the clients were told). */
    public boolean linked(String a, String b) {
        return link(a, b).isPresent();
    }

    /** A person's voice set with why each link exists, peer id to link. */
    public Map<String, VoiceLink> links(String userId) {
        VoiceMember m = members.get(userId);
        if (m == null) {
            return Map.of();
        }
        Map<String, VoiceLink> links = new HashMap<>();
        for (int i = 0; i < m.linked.size(); i++) {
            links.put(m.linked.peer(i).id, m.linked.link(i));
        }
        return links;
    }

    /** The link between two people, or empty. */
    public Optional<VoiceLink> link(String a, String b) {
        VoiceMember m = members.get(a);
        VoiceMember peer = members.get(b);
        return m == null || peer == null ? Optional.empty() : Optional.ofNullable(m.linked.get(peer));
    }

    /** The voice set of a person: who they hear and talk to right now. */
    public Set<String> voiceSet(String userId) {
        VoiceMember m = members.get(userId);
        if (m == null) {
            return Set.of();
        }
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < m.linked.size(); i++) {
            ids.add(m.linked.peer(i).id);
        }
        return ids;
    }

    /** Voice links in the space (each pair once). */
    public int linkCount() {
        return voiceSets.count();
    }

    /** Whether {@code receiver} receives {@code sender}'s camera (as the clients were told). */
    public boolean receivesVideo(String receiver, String sender) {
        VoiceMember r = members.get(receiver);
        VoiceMember s = members.get(sender);
        return r != null && s != null && VideoSets.receives(r, s);
    }

    /** How many people receive {@code userId}'s camera. */
    public int videoAudience(String userId) {
        VoiceMember m = members.get(userId);
        return m == null ? 0 : m.videoAudience;
    }

    /** Receiver-sender pairs whose camera the server permits (each direction of a link once). */
    public int videoPairCount() {
        return video.count();
    }

    /** A person's handle, or null (for this package's tests). */
    VoiceMember member(String userId) {
        return members.get(userId);
    }

    public int population() {
        return members.size();
    }

    /** Applies what changed since the last tick; returns the events for the clients. */
    public List<VoiceEvent> tick() {
        long now = clock.millis();
        rules.maxPeers = settings.maxPeers();
        for (VoiceMember m : freed) {
            if (!m.removed) { // remove() takes them out; a flag read costs less than a look-up by id
                markDirty(m);
            }
        }
        freed.clear();
        walkers.tick(now, settings.walkingSpeed(), this::stoppedWalking);
        for (VoiceMember m : dirty) {
            if (walkers.judge(m, now)) {
                openSpace.walking(m);
            }
            Zone zone = zoneOf(m);
            if (!zone.equals(m.zone)) {
                if (m.zone.shared()) {
                    zonesToRedo.add(m.zone);
                }
                leaveZone(m);
                rules.dropAll(m);
                enterZone(m, zone);
                if (zone == Zone.NONE) {
                    voiceSets.silenced(m);
                }
            }
            if (zone.shared()) {
                zonesToRedo.add(zone);
            }
        }
        for (VoiceMember m : dirty) {
            if (m.zone == Zone.OPEN) {
                rules.openSpace(m, openSpace, settings);
            }
            video.moved(m); // right after the rules read the same peers
            warm.look(m);
            m.dirty = false;
        }
        dirty.clear();
        rules.roomsDue(now, zonesToRedo::add);
        for (Zone zone : zonesToRedo) {
            Set<VoiceMember> inZone = zones.getOrDefault(zone, Set.of());
            if (zone.kind() == Zone.Kind.ROOM) {
                rules.room(zone, inZone, settings, now, out::add);
            } else if (inZone.isEmpty()) {
                rules.stageEmptied(zone, out::add);
            } else {
                rules.stage(zone, inZone, speakerRole, settings, out::add);
            }
        }
        zonesToRedo.clear();
        voiceSets.follow(touched, now);
        touched.clear();
        voiceSets.applyDue(now, settings);
        video.apply(settings.videoPeers());
        warm.apply(openSpace, settings);
        List<VoiceEvent> events = List.copyOf(out);
        out.clear();
        return events;
    }

    private Zone zoneOf(VoiceMember m) {
        if (m.doNotDisturb) {
            return Zone.NONE;
        }
        MapArea area = m.area;
        if (area == null) {
            return Zone.OPEN;
        }
        return switch (area.kind()) {
            case MEETING_ROOM -> new Zone(Zone.Kind.ROOM, area);
            case SILENT_ZONE -> Zone.NONE;
            case STAGE -> new Zone(Zone.Kind.STAGE, area);
            case AUDIENCE -> area.stageName().flatMap(this::stageNamed)
                    .map(stage -> new Zone(Zone.Kind.STAGE, stage)).orElse(Zone.NONE);
        };
    }

    private Optional<MapArea> stageNamed(String name) {
        return areas.stream().filter(a -> a.kind() == AreaKind.STAGE && a.name().equals(name)).findFirst();
    }

    private void enterZone(VoiceMember m, Zone zone) {
        m.zone = zone;
        if (zone == Zone.OPEN) {
            openSpace.put(m, m.x, m.y);
        } else if (zone.shared()) {
            zones.computeIfAbsent(zone, z -> new LinkedHashSet<>()).add(m);
        }
    }

    private void leaveZone(VoiceMember m) {
        if (m.zone == Zone.OPEN) {
            openSpace.remove(m);
        } else if (m.zone.shared()) {
            Set<VoiceMember> inZone = zones.get(m.zone);
            inZone.remove(m);
            if (inZone.isEmpty()) {
                zones.remove(m.zone);
            }
        }
        m.zone = Zone.NONE;
    }

    /** The area under a point: where areas overlap, the smallest (innermost), as on the map. */
    private MapArea areaAt(double x, double y) {
        // A move asks twice for the same point: roomFull before it is accepted, put after.
        if (x == lastX && y == lastY) {
            return lastArea;
        }
        lastX = x;
        lastY = y;
        lastArea = areaIndex.areaAt(x, y);
        return lastArea;
    }

    private void occupy(MapArea area, int delta) {
        if (area != null && area.kind() == AreaKind.MEETING_ROOM) {
            occupancy.merge(area, delta, Integer::sum);
        }
    }

    /** Someone in open space stopped walking past: queries find them again, and they look round. */
    private void stoppedWalking(VoiceMember m) {
        openSpace.walking(m);
        markDirty(m);
    }

    private void markDirty(VoiceMember m) {
        if (!m.dirty) {
            m.dirty = true;
            dirty.add(m);
        }
    }
}
