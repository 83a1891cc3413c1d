package io.skyscope.server.world.proximity;

import io.skyscope.server.world.SpatialHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules of who should hear whom, applied to the {@code desired} relation of {@link VoiceMember}s.
 * Every pair it changes is recorded in {@code touched}; everyone who lost a desired link is put in
 * {@code freed}, to look for another next tick. Owned by the engine's thread.
 *
 * <p>Open space: each person hears the {@code maxPeers} nearest people within range. Someone is
 * in range within {@code joinRadius}, or within {@code leaveRadius} while already linked; a linked
 * peer also ranks {@code leaveRadius - joinRadius} nearer than it is, so that two people at about
 * the same distance do not keep swapping places. A person who already has {@code maxPeers} links
 * accepts a newcomer only in place of their furthest link, and only if the newcomer is nearer by
 * more than that band. Each person therefore has at most {@code maxPeers} proximity links.
 */
final class DesiredLinks {
    private final Map<String, VoiceMember> members;
    private final Set<Pair> touched;
    private final Set<VoiceMember> freed;
    private final Map<Zone, StageAudience> audiences = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    private record Candidate(VoiceMember member, double distance, double score, boolean linked) {
    }

    DesiredLinks(Map<String, VoiceMember> members, Set<Pair> touched, Set<VoiceMember> freed) {
        this.members = members;
        this.touched = touched;
        this.freed = freed;
    }

    /** Works out the proximity links of {@code u}, who stands in open space. */
    void openSpace(VoiceMember u, SpatialHash<String> openSpace, VoiceSettings settings) {
        double gap = settings.hysteresis();
        candidates.clear();
        openSpace.forEachWithin(u.x, u.y, settings.leaveRadius(), id -> {
            if (id.equals(u.id)) {
                return;
            }
            VoiceMember v = members.get(id);
            double d = u.distanceTo(v);
            boolean linked = u.desired.get(id) != null;
            if (linked || d <= settings.joinRadius()) {
                candidates.add(new Candidate(v, d, linked ? d - gap : d, linked));
            }
        });
        candidates.sort((a, b) -> Double.compare(a.score, b.score));
        Set<String> keep = new HashSet<>();
        for (Candidate c : candidates) {
            if (keep.size() == settings.maxPeers()) {
                break;
            }
            if (c.linked) {
                keep.add(c.member.id);
            } else if (c.member.desiredProximity < settings.maxPeers()) {
                set(u, c.member, VoiceLink.PROXIMITY);
                keep.add(c.member.id);
            } else {
                VoiceMember furthest = furthestProximityPeer(c.member, gap);
                if (furthest != null && c.distance < c.member.distanceTo(furthest) - gap) {
                    drop(c.member, furthest);
                    set(u, c.member, VoiceLink.PROXIMITY);
                    keep.add(c.member.id);
                }
            }
        }
        if (u.desiredProximity > keep.size()) {
            for (String peer : List.copyOf(u.desired.keySet())) {
                if (!keep.contains(peer)) {
                    drop(u, members.get(peer));
                }
            }
        }
    }

    /** Everyone in a meeting room hears everyone else in it. */
    void room(Collection<VoiceMember> inRoom) {
        for (VoiceMember a : inRoom) {
            for (VoiceMember b : inRoom) {
                if (a.id.compareTo(b.id) < 0 && a.desired.get(b.id) == null) {
                    set(a, b, VoiceLink.ROOM);
                }
            }
        }
    }

    /**
     * A stage's speakers (people with the speaker role standing on the stage) hear each other and
     * are heard by its listeners: everyone else on the stage or in its audience areas, first come
     * first served up to {@code stageAudience}; the others are told the audience is full.
     */
    void stage(Zone zone, Collection<VoiceMember> inZone, Set<String> speakerRole, VoiceSettings settings,
               Consumer<VoiceEvent> out) {
        List<VoiceMember> speakers = new ArrayList<>();
        List<VoiceMember> listeners = new ArrayList<>();
        for (VoiceMember m : inZone) {
            boolean onStage = zone.area().equals(m.area);
            (onStage && speakerRole.contains(m.id) ? speakers : listeners).add(m);
        }
        StageAudience audience = audiences.computeIfAbsent(zone, z -> new StageAudience());
        Set<VoiceMember> admitted = audience.admit(listeners, settings.stageAudience(), zone.area().name(), out);
        Map<String, Map<String, VoiceLink>> wanted = new HashMap<>();
        for (VoiceMember s : speakers) {
            Map<String, VoiceLink> links = wanted.computeIfAbsent(s.id, k -> new HashMap<>());
            for (VoiceMember other : speakers) {
                if (other != s) {
                    links.put(other.id, VoiceLink.STAGE_MUTUAL);
                }
            }
            for (VoiceMember l : admitted) {
                links.put(l.id, VoiceLink.fromSpeaker(s.id));
                wanted.computeIfAbsent(l.id, k -> new HashMap<>()).put(s.id, VoiceLink.fromSpeaker(s.id));
            }
        }
        for (VoiceMember m : inZone) {
            Map<String, VoiceLink> target = wanted.getOrDefault(m.id, Map.of());
            for (String peer : List.copyOf(m.desired.keySet())) {
                VoiceLink want = target.get(peer);
                if (want == null || !want.equals(m.desired.get(peer))) {
                    drop(m, members.get(peer));
                }
            }
            for (var t : target.entrySet()) {
                if (m.desired.get(t.getKey()) == null) {
                    set(m, members.get(t.getKey()), t.getValue());
                }
            }
        }
    }

    /** Forgets a stage's audience bookkeeping when nobody is left in it. */
    void stageEmptied(Zone zone) {
        audiences.remove(zone);
    }

    /** Drops every desired link of {@code u}. */
    void dropAll(VoiceMember u) {
        for (String peer : List.copyOf(u.desired.keySet())) {
            drop(u, members.get(peer));
        }
    }

    void set(VoiceMember a, VoiceMember b, VoiceLink link) {
        VoiceLink before = a.desired.put(b.id, link);
        b.desired.put(a.id, link);
        int delta = (link.reason() == VoiceReason.PROXIMITY ? 1 : 0)
                - (before != null && before.reason() == VoiceReason.PROXIMITY ? 1 : 0);
        a.desiredProximity += delta;
        b.desiredProximity += delta;
        touched.add(Pair.of(a.id, b.id));
    }

    void drop(VoiceMember a, VoiceMember b) {
        VoiceLink before = a.desired.remove(b.id);
        b.desired.remove(a.id);
        if (before == null) {
            return;
        }
        if (before.reason() == VoiceReason.PROXIMITY) {
            a.desiredProximity--;
            b.desiredProximity--;
        }
        touched.add(Pair.of(a.id, b.id));
        freed.add(a);
        freed.add(b);
    }

    private VoiceMember furthestProximityPeer(VoiceMember v, double gap) {
        VoiceMember furthest = null;
        double worst = Double.NEGATIVE_INFINITY;
        for (var e : v.desired.entrySet()) {
            if (e.getValue().reason() == VoiceReason.PROXIMITY) {
                VoiceMember peer = members.get(e.getKey());
                double score = v.distanceTo(peer) - gap;
                if (score > worst) {
                    worst = score;
                    furthest = peer;
                }
            }
        }
        return furthest;
    }

    /** Which listeners of one stage are linked to its speakers. */
    private static final class StageAudience {
        private final Set<VoiceMember> admitted = new LinkedHashSet<>();
        private final Set<VoiceMember> told = new HashSet<>();

        Set<VoiceMember> admit(List<VoiceMember> listeners, int limit, String stage, Consumer<VoiceEvent> out) {
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
                    out.accept(new VoiceEvent.AudienceFull(l.id, stage, limit));
                }
            }
            return admitted;
        }
    }
}
