package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose camera each person receives: of their two-way links ({@link VoiceLink#mutual()}; a stage
 * listener's one-way link carries voice only), the {@code videoPeers} nearest. Kept per person in
 * {@link VoiceMember#videoFrom}; every pair whose permission changes in a tick gets one
 * {@link VoiceEvent.Video} for each side, with both directions as they are now. Owned by the
 * engine's thread.
 *
 * <p>Hysteresis: someone whose camera a person receives keeps that place until another link is
 * nearer by more than {@link #MARGIN} px, so that two people at about the same distance (a room
 * where everyone sits a tile apart, someone shifting on their chair) do not make the video flap. A
 * fixed margin rather than a fraction of the distance: inside a meeting room people sit 30 to 100 px
 * apart, where a tenth is a few pixels of a client's own rounding; in open space links reach out
 * to the leave radius (160 px by default), where 16 px is about a tenth anyway. Ties in distance
 * go to the smaller user id, so that the choice does not depend on the order of the links.
 *
 * <p>A link that ends takes its permission with it silently: the clients close the link on
 * {@code voice.leave} and start the next one with no camera until told. Cost: only the people
 * marked since the last tick (who moved, whose peer moved, whose links changed, or everyone after
 * new settings) are looked at, each over their links (at most {@code maxPeers} in open space, 49 in
 * the largest room).
 */
final class VideoSets {
    /** How much nearer (map pixels) another link must be to take a place someone holds already. */
    static final double MARGIN = 16;
    static final VoiceMember[] NONE = new VoiceMember[0];

    private final List<VoiceEvent> out;
    private final List<VoiceMember> marked = new ArrayList<>();
    private final Set<Pair> changed = new LinkedHashSet<>();
    /** One person's two-way links while they are looked at, sorted nearest first; reused. */
    private VoiceMember[] peer = new VoiceMember[16];
    private double[] distance = new double[16];
    private boolean[] chosen = new boolean[16];
    /** Directed pairs (receiver, sender) permitted now. */
    private int permitted;

    VideoSets(List<VoiceEvent> out) {
        this.out = out;
    }

    /** Receiver-sender pairs permitted now (each direction of a link counts once). */
    int count() {
        return permitted;
    }

    /** {@code m} moved (or changed): they, and everyone whose distance to them changed, look again. */
    void moved(VoiceMember m) {
        mark(m);
        for (int i = 0; i < m.linked.size(); i++) {
            if (m.linked.link(i).mutual()) {
                mark(m.linked.peer(i));
            }
        }
    }

    /** A link was made, or its kind changed: both sides look again. */
    void linked(VoiceMember a, VoiceMember b) {
        mark(a);
        mark(b);
    }

    /** A link ended: its permissions go with it (no event: the clients close the link), and both look again. */
    void unlinked(VoiceMember a, VoiceMember b) {
        drop(a, b);
        drop(b, a);
        mark(a);
        mark(b);
    }

    /** Applies the people marked since the last call with at most {@code videoPeers} each. */
    void apply(int videoPeers) {
        for (VoiceMember m : marked) {
            m.videoMarked = false;
            if (!m.removed) {
                choose(m, videoPeers);
            }
        }
        marked.clear();
        for (Pair p : changed) {
            VoiceMember a = p.first();
            VoiceMember b = p.second();
            boolean aFromB = receives(a, b);
            boolean bFromA = receives(b, a);
            out.add(new VoiceEvent.Video(a.id, b.id, bFromA, aFromB));
            out.add(new VoiceEvent.Video(b.id, a.id, aFromB, bFromA));
        }
        changed.clear();
    }

    /** Whether {@code receiver} receives {@code sender}'s camera. */
    static boolean receives(VoiceMember receiver, VoiceMember sender) {
        return contains(receiver.videoFrom, sender);
    }

    private void mark(VoiceMember m) {
        if (!m.videoMarked && !m.removed) {
            m.videoMarked = true;
            marked.add(m);
        }
    }

    private void drop(VoiceMember receiver, VoiceMember sender) {
        VoiceMember[] from = receiver.videoFrom;
        for (int i = 0; i < from.length; i++) {
            if (from[i] == sender) {
                VoiceMember[] less = new VoiceMember[from.length - 1];
                System.arraycopy(from, 0, less, 0, i);
                System.arraycopy(from, i + 1, less, i, less.length - i);
                receiver.videoFrom = less.length == 0 ? NONE : less;
                sender.videoAudience--;
                permitted--;
                return;
            }
        }
    }

    /** Works out whose camera {@code r} receives now, and notes each pair that changed. */
    private void choose(VoiceMember r, int videoPeers) {
        int n = twoWayLinks(r);
        VoiceMember[] before = r.videoFrom;
        if (n <= videoPeers && before.length == n) {
            return; // everyone fits and already has a place
        }
        int held = 0;
        for (int i = 0; i < n; i++) {
            chosen[i] = receives(r, peer[i]);
            if (chosen[i]) {
                held++;
            }
        }
        // Fewer places than before (new settings): the furthest give theirs up.
        for (int i = n - 1; i >= 0 && held > videoPeers; i--) {
            if (chosen[i]) {
                chosen[i] = false;
                held--;
            }
        }
        // Free places go to the nearest.
        for (int i = 0; i < n && held < videoPeers; i++) {
            if (!chosen[i]) {
                chosen[i] = true;
                held++;
            }
        }
        // The furthest holder gives way to the nearest other link only if that one is nearer by the margin.
        int far = previous(n, true);
        int near = next(-1, n, false);
        while (near < far && distance[near] + MARGIN < distance[far]) {
            chosen[far] = false;
            chosen[near] = true;
            far = previous(far, true);
            near = next(near, n, false);
        }
        VoiceMember[] after = held == 0 ? NONE : new VoiceMember[held];
        for (int i = 0, k = 0; i < n; i++) {
            if (chosen[i]) {
                after[k++] = peer[i];
            }
        }
        for (VoiceMember s : before) {
            if (!contains(after, s)) {
                s.videoAudience--;
                permitted--;
                changed.add(Pair.of(r, s));
            }
        }
        for (VoiceMember s : after) {
            if (!contains(before, s)) {
                s.videoAudience++;
                permitted++;
                changed.add(Pair.of(r, s));
            }
        }
        r.videoFrom = after;
    }

    /** Fills {@code peer}/{@code distance} with {@code r}'s two-way links, nearest first; returns how many. */
    private int twoWayLinks(VoiceMember r) {
        int n = 0;
        for (int i = 0; i < r.linked.size(); i++) {
            if (!r.linked.link(i).mutual()) {
                continue;
            }
            if (n == peer.length) {
                peer = java.util.Arrays.copyOf(peer, n * 2);
                distance = java.util.Arrays.copyOf(distance, n * 2);
                chosen = java.util.Arrays.copyOf(chosen, n * 2);
            }
            VoiceMember p = r.linked.peer(i);
            double d = r.distanceTo(p);
            // Insertion sort: a handful of links.
            int j = n++;
            while (j > 0 && nearer(p, d, peer[j - 1], distance[j - 1])) {
                peer[j] = peer[j - 1];
                distance[j] = distance[j - 1];
                j--;
            }
            peer[j] = p;
            distance[j] = d;
        }
        return n;
    }

    private static boolean nearer(VoiceMember a, double da, VoiceMember b, double db) {
        return da < db || da == db && a.id.compareTo(b.id) < 0;
    }

    /** The last index before {@code from} whose {@code chosen} is {@code value}, or -1. */
    private int previous(int from, boolean value) {
        int i = from - 1;
        while (i >= 0 && chosen[i] != value) {
            i--;
        }
        return i;
    }

    /** The first index after {@code from} (below {@code n}) whose {@code chosen} is {@code value}, or n. */
    private int next(int from, int n, boolean value) {
        int i = from + 1;
        while (i < n && chosen[i] != value) {
            i++;
        }
        return i;
    }

    private static boolean contains(VoiceMember[] set, VoiceMember m) {
        for (VoiceMember x : set) {
            if (x == m) {
                return true;
            }
        }
        return false;
    }
}
