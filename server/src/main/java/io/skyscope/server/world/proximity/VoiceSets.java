package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The voice sets clients are told of ({@code linked}), following the rules' {@code desired}
 * relation once a difference has held for the debounce time: each changed pair waits in
 * {@code pending} from the tick it started to differ, and leaves it when the two agree again, so
 * a change that flips back in time is never made. A link to someone who went do-not-disturb or
 * into a silent zone ends without waiting. Every change adds its events for both sides, and is
 * passed on to the {@link VideoSets}. Owned by the engine's thread.
 */
final class VoiceSets {
    private final List<VoiceEvent> out;
    private final VideoSets video;
    private final Map<Pair, Long> pending = new LinkedHashMap<>();
    /**
     * Whether {@code pending}'s times rise in its order (new entries go last with the clock's time,
     * which a wall clock set back can break), so that {@link #applyDue} may stop at the first
     * entry not due yet instead of reading every waiting pair at every tick.
     */
    private boolean inTimeOrder = true;
    private long latest = Long.MIN_VALUE;
    /** Whether a pair that must end without waiting may be anywhere in {@code pending}. */
    private boolean urgentWaiting;
    private int links;

    VoiceSets(List<VoiceEvent> out, VideoSets video) {
        this.out = out;
        this.video = video;
    }

    /** Links between people (each pair once). */
    int count() {
        return links;
    }

    /**
     * Starts (or stops) the wait of each pair whose desired link changed this tick. A pair listed
     * twice is read twice, to the same effect: what counts is its desired link at the end of the tick.
     */
    void follow(List<Pair> touched, long now) {
        Long since = now;
        for (Pair p : touched) {
            VoiceMember a = p.first();
            VoiceMember b = p.second();
            VoiceLink want = a.desired.get(b);
            if (Objects.equals(want, a.linked.get(b))) {
                pending.remove(p);
            } else if (pending.putIfAbsent(p, since) == null) {
                inTimeOrder &= now >= latest;
                latest = Math.max(latest, now);
            }
            urgentWaiting |= endsAtOnce(want, a, b);
        }
    }

    /**
     * {@code m} went do-not-disturb or into a silent zone: each of their links that is waiting to
     * end now ends without waiting, and one may have been waiting since before this tick.
     */
    void silenced(VoiceMember m) {
        if (!m.linked.isEmpty()) {
            urgentWaiting = true;
        }
    }

    /** A link that is to end (nothing wanted) with someone gone silent ends without the debounce. */
    private static boolean endsAtOnce(VoiceLink want, VoiceMember a, VoiceMember b) {
        return want == null && (a.zone == Zone.NONE || b.zone == Zone.NONE);
    }

    /** Ends every link of someone who left the space, at once. */
    void forget(VoiceMember m) {
        for (VoiceMember peer : m.linked.peers()) {
            unlink(m, peer);
        }
        pending.keySet().removeIf(p -> p.involves(m));
    }

    /** Removals first, so that an addition finds the slot a removal frees in the same tick. */
    void applyDue(long now, VoiceSettings settings) {
        List<Pair> additions = new ArrayList<>();
        boolean readAll = true;
        boolean ordered = true;
        long last = Long.MIN_VALUE;
        for (Iterator<Map.Entry<Pair, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            VoiceMember a = entry.getKey().first();
            VoiceMember b = entry.getKey().second();
            long since = entry.getValue();
            boolean waiting = now - since < settings.debounceMillis();
            if (waiting && inTimeOrder && !urgentWaiting) {
                readAll = false;
                break; // the pairs after this one started waiting no earlier
            }
            ordered &= since >= last;
            last = Math.max(last, since);
            VoiceLink want = a.desired.get(b);
            VoiceLink have = a.linked.get(b);
            if (waiting && !endsAtOnce(want, a, b)) {
                continue;
            }
            if (have != null && want != null && have.mutual() && want.mutual()) {
                relink(a, b, want);
                it.remove();
            } else if (have != null) {
                unlink(a, b);
                if (want == null) {
                    it.remove();
                } else {
                    additions.add(entry.getKey());
                }
            } else {
                additions.add(entry.getKey());
            }
        }
        urgentWaiting = false;
        if (readAll) {
            // Every entry was read: whether they are in time order is known again (a clock set
            // back once does not cost a full read at every tick after).
            inTimeOrder = ordered;
            latest = last;
        }
        for (Pair p : additions) {
            VoiceMember a = p.first();
            VoiceMember b = p.second();
            VoiceLink want = a.desired.get(b);
            boolean capped = want.reason() == VoiceReason.PROXIMITY
                    && (a.linkedProximity >= settings.maxPeers() || b.linkedProximity >= settings.maxPeers());
            if (!capped) {
                link(a, b, want);
                pending.remove(p);
            }
        }
    }

    private void link(VoiceMember a, VoiceMember b, VoiceLink link) {
        a.linked.put(b, link);
        b.linked.put(a, link);
        if (link.reason() == VoiceReason.PROXIMITY) {
            a.linkedProximity++;
            b.linkedProximity++;
        }
        links++;
        out.add(new VoiceEvent.Joined(a.id, b.id, true, link.reason(), link.direction(a.id)));
        out.add(new VoiceEvent.Joined(b.id, a.id, false, link.reason(), link.direction(b.id)));
        video.linked(a, b);
    }

    /** Both sides talk before and after: the link stays, only its reason changes (no event). */
    private void relink(VoiceMember a, VoiceMember b, VoiceLink link) {
        VoiceLink before = a.linked.put(b, link);
        b.linked.put(a, link);
        int delta = (link.reason() == VoiceReason.PROXIMITY ? 1 : 0)
                - (before.reason() == VoiceReason.PROXIMITY ? 1 : 0);
        a.linkedProximity += delta;
        b.linkedProximity += delta;
    }

    private void unlink(VoiceMember a, VoiceMember b) {
        VoiceLink before = a.linked.remove(b);
        b.linked.remove(a);
        if (before.reason() == VoiceReason.PROXIMITY) {
            a.linkedProximity--;
            b.linkedProximity--;
        }
        links--;
        out.add(new VoiceEvent.Left(a.id, b.id, before.reason()));
        out.add(new VoiceEvent.Left(b.id, a.id, before.reason()));
        video.unlinked(a, b);
    }
}
