package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules of who should hear whom, applied to the {@code desired} relation of {@link VoiceMember}s.
 * Every pair it changes is added to {@code touched}; someone who was full and lost a proximity
 * link is put in {@code freed}, to look again next tick for a neighbour they turned away. Owned by
 * the engine's thread.
 *
 * <p>Open space: each person hears the {@code maxPeers} nearest people within range. Someone is
 * in range within {@code joinRadius}, or within {@code leaveRadius} while already linked; a linked
 * peer also ranks {@code leaveRadius - joinRadius} nearer than it is, so that two people at about
 * the same distance do not keep swapping places. A person who already has {@code maxPeers} links
 * accepts a newcomer only in place of their furthest link, and only if the newcomer is nearer by
 * more than that band. Each person therefore has at most {@code maxPeers} proximity links.
 * Nobody makes a new link with someone walking past ({@link VoiceMember#walking}).
 */
final class DesiredLinks {
    private final List<Pair> touched;
    private final Set<VoiceMember> freed;
    private final Map<Zone, StageAudience> audiences = new HashMap<>();
    private final RoomMix mixes = new RoomMix();
    private final List<VoiceMember> keep = new ArrayList<>();
    /**
     * This query's candidates in parallel arrays reused from query to query, and a binary min-heap
     * of their indices by score: taken nearest first, and only as many as the cap needs. In a crowd
     * (everyone at the entrance of a full space) a query finds thousands of people; sorting them all
     * for each mover made a tick quadratic in the crowd.
     */
    private VoiceMember[] candidate = new VoiceMember[16];
    private double[] distance = new double[16];
    private double[] score = new double[16];
    private boolean[] linked = new boolean[16];
    private int[] heap = new int[16];
    private double[] scratch = new double[16];
    private int candidates;
    private int heapSize;
    /**
     * One reusable visitor (no allocation per query); the grid skips the querying person's peers,
     * and people walking past.
     */
    private final ProximityGrid.Visitor newcomer = (v, distance) -> addCandidate(v, distance, false, 0);

    /** The cap in force, set by the engine before each tick. */
    int maxPeers = Integer.MAX_VALUE;
    /** Listeners a stage reaches through the media server; 0: no media server, direct links. */
    int mediaStageSize;

    /**
     * Stages go through the media server to {@code size} listeners each (0: direct links); each
     * starts afresh, and so do the mixed meeting rooms: the media server's rooms are gone (it died
     * or restarted), so nobody is in a mix any more, and a room over the mesh is mixed again from
     * scratch, everyone sent to it anew.
     */
    void media(int size) {
        mediaStageSize = size;
        audiences.clear();
        mixes.restart();
    }

    DesiredLinks(List<Pair> touched, Set<VoiceMember> freed) {
        this.touched = touched;
        this.freed = freed;
    }

    /**
     * Works out the proximity links of {@code u}, who stands in open space: a query within the join
     * radius for newcomers, and a direct look at the peers already linked (out to the leave radius).
     * Someone walking past makes no new link, so a walker looks only at their links (and keeps only
     * those that are calls already), and nobody takes a walker as a newcomer.
     */
    void openSpace(VoiceMember u, ProximityGrid openSpace, VoiceSettings settings) {
        double gap = settings.hysteresis();
        double leave = settings.leaveRadius();
        candidates = 0;
        // Someone walking past makes no new link: no query, and no marks left for the next one.
        boolean looks = !u.walking;
        if (looks) {
            openSpace.skipInNextQuery(u);
        }
        for (int i = 0; i < u.desired.size(); i++) {
            VoiceMember v = u.desired.peer(i);
            if (looks) {
                openSpace.skipInNextQuery(v);
            }
            double d = u.distanceTo(v);
            // A walker keeps calls, not links still waiting out the debounce to become calls.
            if (d <= leave && (looks || u.linked.get(v) != null)) {
                addCandidate(v, d, true, gap);
            }
        }
        int stillInRange = candidates;
        int max = settings.maxPeers();
        double radius = settings.joinRadius();
        if (stillInRange >= max && looks) {
            // The ranking below takes a newcomer only before the cap is reached, and the cap is
            // reached once the max-th best of the links still in range is taken: a newcomer not
            // strictly nearer than that link's score (ties go to links, added first) is never taken.
            // In a crowd this shrinks the query to the nearest handful of people.
            radius = Math.min(radius, Math.max(0, linkScore(stillInRange, max)));
        }
        if (looks) {
            openSpace.forEachWithin(u.x, u.y, radius, newcomer);
        }
        if (candidates == stillInRange && stillInRange == u.desired.size() && stillInRange <= max) {
            // Nobody new in range, every link still within the leave radius and all of them within
            // the cap: the ranking below would keep them all and change nothing (most steps).
            forgetCandidates();
            return;
        }
        keep.clear();
        heapify();
        while (heapSize > 0 && keep.size() < max) {
            int i = takeNearest();
            VoiceMember c = candidate[i];
            if (linked[i]) {
                keep.add(c);
            } else if (c.desiredProximity < max) {
                set(u, c, VoiceLink.PROXIMITY);
                keep.add(c);
            } else {
                VoiceMember furthest = furthestProximityPeer(c);
                if (furthest != null && distance[i] < c.furthestDistance - gap) {
                    drop(c, furthest);
                    set(u, c, VoiceLink.PROXIMITY);
                    keep.add(c);
                }
            }
        }
        if (u.desiredProximity > keep.size()) {
            for (VoiceMember peer : u.desired.peers()) {
                if (!keep.contains(peer)) {
                    drop(u, peer);
                }
            }
        }
        forgetCandidates();
    }

    /** The {@code k}-th lowest score among the first {@code n} candidates (k <= n). */
    private double linkScore(int n, int k) {
        if (scratch.length < n) {
            scratch = new double[2 * n];
        }
        System.arraycopy(score, 0, scratch, 0, n);
        java.util.Arrays.sort(scratch, 0, n);
        return scratch[k - 1];
    }

    /** Lets go of this query's candidates (the arrays are reused; the people may leave). */
    private void forgetCandidates() {
        java.util.Arrays.fill(candidate, 0, candidates, null);
    }

    /** Adds a candidate (a linked peer ranks {@code bonus} nearer than it is). */
    private void addCandidate(VoiceMember v, double d, boolean isLinked, double bonus) {
        if (candidates == candidate.length) {
            int n = candidates * 2;
            candidate = java.util.Arrays.copyOf(candidate, n);
            distance = java.util.Arrays.copyOf(distance, n);
            score = java.util.Arrays.copyOf(score, n);
            linked = java.util.Arrays.copyOf(linked, n);
            heap = java.util.Arrays.copyOf(heap, n);
        }
        int i = candidates++;
        candidate[i] = v;
        distance[i] = d;
        score[i] = d - bonus;
        linked[i] = isLinked;
    }

    /** Orders the candidates' indices into a min-heap by score, in linear time. */
    private void heapify() {
        heapSize = candidates;
        for (int i = 0; i < heapSize; i++) {
            heap[i] = i;
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Removes and returns the index of the candidate with the lowest score (ties: the one added first). */
    private int takeNearest() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        siftDown(0);
        return top;
    }

    private void siftDown(int at) {
        int i = at;
        while (true) {
            int left = 2 * i + 1;
            if (left >= heapSize) {
                return;
            }
            int child = left + 1 < heapSize && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[child], heap[i])) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[child];
            heap[child] = swap;
            i = child;
        }
    }

    private boolean before(int a, int b) {
        return score[a] < score[b] || (score[a] == score[b] && a < b);
    }

    /**
     * Everyone in a meeting room hears everyone else in it: over direct links, or, with a media
     * server and more people than the settings' {@code roomMesh}, through the media server's mix
     * ({@link RoomMix}), with no direct links among them.
     */
    void room(Zone zone, Set<VoiceMember> inRoom, VoiceSettings settings, long now, Consumer<VoiceEvent> out) {
        if (mixes.mixed(zone, inRoom, mediaStageSize > 0, settings.roomMesh(), now, out)) {
            if (!mixes.handingIn(zone, now)) {
                for (VoiceMember m : inRoom) {
                    dropAll(m);
                }
            }
            return;
        }
        for (VoiceMember a : inRoom) {
            for (VoiceMember b : inRoom) {
                if (a.id.compareTo(b.id) < 0 && a.desired.get(b) == null) {
                    set(a, b, VoiceLink.ROOM);
                }
            }
        }
    }

    /**
     * A stage's speakers (people with the speaker role standing on the stage) hear each other and
     * are heard by its listeners: everyone else on the stage or in its audience areas, first come
     * first served up to {@code stageAudience}; the others are told the audience is full. With a
     * media server ({@code mediaStageSize} above 0) nobody is linked directly: speakers (with the
     * role anywhere in the zone) and up to {@code mediaStageSize} listeners are put in the stage's
     * media room ({@link VoiceEvent.Media}).
     */
    void stage(Zone zone, Collection<VoiceMember> inZone, Set<String> speakerRole, VoiceSettings settings,
               Consumer<VoiceEvent> out) {
        List<VoiceMember> speakers = new ArrayList<>();
        List<VoiceMember> listeners = new ArrayList<>();
        boolean media = mediaStageSize > 0;
        for (VoiceMember m : inZone) {
            // Through a media server, the floor is given where the person stands (raise a hand in
            // the audience, be heard from there); over direct links, speakers stand on the stage.
            boolean onStage = media || zone.area().equals(m.area);
            (onStage && speakerRole.contains(m.id) ? speakers : listeners).add(m);
        }
        StageAudience audience = audiences.computeIfAbsent(zone, z -> new StageAudience());
        Set<VoiceMember> admitted = audience.admit(listeners, media ? mediaStageSize : settings.stageAudience(),
                zone.area().name(), media, out);
        Map<VoiceMember, Map<VoiceMember, VoiceLink>> wanted = new HashMap<>();
        if (media) {
            // Everyone hears the stage through the media server's mix: no direct links at all.
            Map<VoiceMember, Boolean> inRoom = new LinkedHashMap<>();
            speakers.forEach(s -> inRoom.put(s, true));
            admitted.forEach(l -> inRoom.put(l, false));
            audience.media(inRoom, zone.area().name(), out);
            speakers.clear();
        }
        for (VoiceMember s : speakers) {
            Map<VoiceMember, VoiceLink> links = wanted.computeIfAbsent(s, k -> new HashMap<>());
            for (VoiceMember other : speakers) {
                if (other != s) {
                    links.put(other, VoiceLink.STAGE_MUTUAL);
                }
            }
            for (VoiceMember l : admitted) {
                links.put(l, VoiceLink.fromSpeaker(s.id));
                wanted.computeIfAbsent(l, k -> new HashMap<>()).put(s, VoiceLink.fromSpeaker(s.id));
            }
        }
        for (VoiceMember m : inZone) {
            Map<VoiceMember, VoiceLink> target = wanted.getOrDefault(m, Map.of());
            for (VoiceMember peer : m.desired.peers()) {
                VoiceLink want = target.get(peer);
                if (want == null || !want.equals(m.desired.get(peer))) {
                    drop(m, peer);
                }
            }
            for (var t : target.entrySet()) {
                if (m.desired.get(t.getKey()) == null) {
                    set(m, t.getKey(), t.getValue());
                }
            }
        }
    }

    /** Hands {@code redo} the mixed meeting rooms due to go back to direct links at this tick. */
    void roomsDue(long now, Consumer<Zone> redo) {
        mixes.due(now, redo);
    }

    /** Whether a meeting room is heard through the media server's mix. */
    boolean mixed(Zone zone) {
        return mixes.mixed(zone);
    }

    /** Forgets a stage's audience bookkeeping when nobody is left in it (the last leave its media room). */
    void stageEmptied(Zone zone, Consumer<VoiceEvent> out) {
        StageAudience audience = audiences.remove(zone);
        if (audience != null) {
            audience.media(Map.of(), zone.area().name(), out);
        }
    }

    /** Drops every desired link of {@code u}. */
    void dropAll(VoiceMember u) {
        for (VoiceMember peer : u.desired.peers()) {
            drop(u, peer);
        }
    }

    void set(VoiceMember a, VoiceMember b, VoiceLink link) {
        VoiceLink before = a.desired.put(b, link);
        b.desired.put(a, link);
        a.furthestKnown = false;
        b.furthestKnown = false;
        int delta = (link.reason() == VoiceReason.PROXIMITY ? 1 : 0)
                - (before != null && before.reason() == VoiceReason.PROXIMITY ? 1 : 0);
        a.desiredProximity += delta;
        b.desiredProximity += delta;
        touched.add(Pair.of(a, b));
    }

    void drop(VoiceMember a, VoiceMember b) {
        VoiceLink before = a.desired.remove(b);
        b.desired.remove(a);
        a.furthestKnown = false;
        b.furthestKnown = false;
        if (before == null) {
            return;
        }
        touched.add(Pair.of(a, b));
        if (before.reason() == VoiceReason.PROXIMITY) {
            // Only someone who was full can have turned a neighbour away; they look again.
            if (a.desiredProximity-- >= maxPeers) {
                freed.add(a);
            }
            if (b.desiredProximity-- >= maxPeers) {
                freed.add(b);
            }
        }
    }

    /**
     * The proximity peer {@code v} would give up for a newcomer: the furthest (the first of equals),
     * or null; its distance is left in {@code v.furthestDistance}.
     */
    private static VoiceMember furthestProximityPeer(VoiceMember v) {
        if (v.furthestKnown) {
            return v.furthest;
        }
        VoiceMember furthest = null;
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.desired.size(); i++) {
            if (v.desired.link(i).reason() == VoiceReason.PROXIMITY) {
                VoiceMember peer = v.desired.peer(i);
                double d = v.distanceTo(peer);
                if (d > worst) {
                    worst = d;
                    furthest = peer;
                }
            }
        }
        v.furthest = furthest;
        v.furthestDistance = worst;
        v.furthestKnown = true;
        return furthest;
    }

    /** Which listeners of one stage are linked to its speakers. */
    private static final class StageAudience {
        private final Set<VoiceMember> admitted = new LinkedHashSet<>();
        private final Set<VoiceMember> told = new HashSet<>();
        /** Who is in the stage's media room, and whether as a speaker. */
        private final Map<VoiceMember, Boolean> inMedia = new LinkedHashMap<>();

        /** Tells who enters, leaves or changes role in the media room, and keeps {@code wanted}. */
        void media(Map<VoiceMember, Boolean> wanted, String stage, Consumer<VoiceEvent> out) {
            for (var was : inMedia.entrySet()) {
                if (!wanted.containsKey(was.getKey())) {
                    out.accept(new VoiceEvent.Media(was.getKey().id, stage, false, was.getValue()));
                }
            }
            for (var want : wanted.entrySet()) {
                if (!want.getValue().equals(inMedia.get(want.getKey()))) {
                    out.accept(new VoiceEvent.Media(want.getKey().id, stage, true, want.getValue()));
                }
            }
            inMedia.clear();
            inMedia.putAll(wanted);
        }

        Set<VoiceMember> admit(List<VoiceMember> listeners, int limit, String stage, boolean media,
                               Consumer<VoiceEvent> out) {
            Set<VoiceMember> present = new HashSet<>(listeners);
            admitted.retainAll(present);
            told.retainAll(present);
            for (VoiceMember l : listeners) {
                if (admitted.contains(l)) {
                    continue;
                }
                if (admitted.size() < limit) {
                    admitted.add(l);
                    told.remove(l);
                } else if (told.add(l)) {
                    out.accept(new VoiceEvent.AudienceFull(l.id, stage, limit, media));
                }
            }
            return admitted;
        }
    }
}
