package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose camera each person receives: of their two-way links ({@link VoiceLink#mutual()}; a stage
 * listener's one-way link carries voice only) whose other side has the camera on, the {@code
 * videoPeers} nearest. A camera that is off takes no place, so that in a room where the nearest
 * sit with their cameras off the places go to the nearest who show something. Kept as flags on
 * both sides' links ({@link Links#RECEIVES}, {@link Links#SENDS}); every pair whose permission
 * changes in a tick gets one {@link VoiceEvent.Video} for each side, with both directions as they
 * are now. Owned by the engine's thread.
 *
 * <p>Hysteresis: someone whose camera a person receives keeps that place until another link is
 * nearer by more than {@link #MARGIN} px, so that two people at about the same distance (a room
 * where everyone sits a tile apart, someone shifting on their chair) do not make the video flap. A
 * fixed margin rather than a fraction of the distance: inside a meeting room people sit 30 to 100 px
 * apart, where a tenth is a few pixels of a client's own rounding; in open space links reach out
 * to the leave radius (160 px by default), where 16 px is about a tenth anyway. Ties in distance
 * go to the smaller user id, so that the choice does not depend on the order of the links.
 *
 * <p>A camera turned off gives its places up at the next tick (each side told), and one turned on
 * competes for places like a newcomer. A link that ends takes its permission with it silently: the clients close the link on
 * {@code voice.leave} and start the next one with no camera until told. Cost: only the people
 * marked since the last tick (who moved, whose peer with the camera on moved, whose peer turned the
 * camera on or off, whose links changed, or everyone after new settings) are looked at, each over their links (at most {@code maxPeers} in open space, 49 in
 * the largest room).
 */
final class VideoSets {
    /** How much nearer (map pixels) another link must be to take a place someone holds already. */
    static final double MARGIN = 16;

    private final List<VoiceEvent> out;
    private final List<VoiceMember> marked = new ArrayList<>();
    private final Set<Pair> changed = new LinkedHashSet<>();
    /** One person's two-way links from a camera that is on, while they are looked at, sorted nearest first; reused. */
    private VoiceMember[] peer = new VoiceMember[16];
    private double[] distance = new double[16];
    private boolean[] held = new boolean[16];
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

    /**
     * {@code m} moved (or changed): they look again, and so does each two-way peer for whom their
     * new distance may change the choice ({@link #mayChange}).
     */
    void moved(VoiceMember m) {
        mark(m);
        for (int i = 0; i < m.linked.size(); i++) {
            VoiceMember r = m.linked.peer(i);
            // With the camera off, where m stands changes nothing for r.
            if (m.camera && m.linked.link(i).mutual() && !r.videoMarked
                    && mayChange(r, m, (m.linked.video(i) & Links.SENDS) != 0)) {
                mark(r);
            }
        }
    }

    /**
     * Whether {@code m}'s distance from {@code r}, which alone changed, may change whose camera
     * {@code r} receives ({@code chosen}: {@code m}'s now): only if {@code m} now breaks the margin
     * with one of the other side. The bounds kept from {@code r}'s last choice ({@link
     * VoiceMember#videoFar}, at least the furthest chosen distance; {@link VoiceMember#videoNear},
     * at most the nearest left out) are widened to take in {@code m}'s new distance, so that they
     * stay bounds whatever moves next. A mover's peers are many (up to {@code maxPeers} each), and
     * most of them need not look again.
     */
    private static boolean mayChange(VoiceMember r, VoiceMember m, boolean chosen) {
        double d = r.distanceTo(m);
        if (chosen) {
            if (d > r.videoNear + MARGIN) {
                return true;
            }
            r.videoFar = Math.max(r.videoFar, d);
        } else {
            if (d + MARGIN < r.videoFar) {
                return true;
            }
            r.videoNear = Math.min(r.videoNear, d);
        }
        return false;
    }

    /**
     * {@code m} turned their camera on or off: each two-way peer looks again (a camera toggle is
     * rare next to moves, so no bound is kept for it). {@code m}'s own choice does not change.
     */
    void camera(VoiceMember m) {
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

    /**
     * A link is about to end: its permissions go with it (no event: the clients close the link),
     * and both look again.
     */
    void unlinking(VoiceMember a, VoiceMember b) {
        byte flags = a.linked.video(b);
        if ((flags & Links.RECEIVES) != 0) {
            b.videoAudience--;
            permitted--;
        }
        if ((flags & Links.SENDS) != 0) {
            a.videoAudience--;
            permitted--;
        }
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
            byte flags = a.linked.video(b);
            boolean aFromB = (flags & Links.RECEIVES) != 0;
            boolean bFromA = (flags & Links.SENDS) != 0;
            out.add(new VoiceEvent.Video(a.id, b.id, bFromA, aFromB));
            out.add(new VoiceEvent.Video(b.id, a.id, aFromB, bFromA));
        }
        changed.clear();
    }

    /** Whether {@code receiver} receives {@code sender}'s camera. */
    static boolean receives(VoiceMember receiver, VoiceMember sender) {
        return (receiver.linked.video(sender) & Links.RECEIVES) != 0;
    }

    private void mark(VoiceMember m) {
        if (!m.videoMarked && !m.removed) {
            m.videoMarked = true;
            marked.add(m);
        }
    }

    /** Works out whose camera {@code r} receives now, and notes each pair that changed. */
    private void choose(VoiceMember r, int videoPeers) {
        int shown = 0;
        int places = 0;
        for (int i = 0; i < r.linked.size(); i++) {
            boolean holds = (r.linked.video(i) & Links.RECEIVES) != 0;
            if (showable(r, i)) {
                shown++;
                if (holds) {
                    places++;
                }
            } else if (holds) {
                grant(r, r.linked.peer(i), false); // their camera went off
            }
        }
        if (shown <= videoPeers && places == shown) {
            r.videoNear = Double.MAX_VALUE; // everyone fits and already has a place: nobody left out
            return;
        }
        int n = showableLinks(r);
        System.arraycopy(held, 0, chosen, 0, n);
        // Fewer places than before (new settings): the furthest give theirs up.
        for (int i = n - 1; i >= 0 && places > videoPeers; i--) {
            if (chosen[i]) {
                chosen[i] = false;
                places--;
            }
        }
        // Free places go to the nearest.
        for (int i = 0; i < n && places < videoPeers; i++) {
            if (!chosen[i]) {
                chosen[i] = true;
                places++;
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
        far = previous(n, true);
        near = next(-1, n, false);
        r.videoFar = far < 0 ? 0 : distance[far];
        r.videoNear = near == n ? Double.MAX_VALUE : distance[near];
        for (int i = 0; i < n; i++) {
            if (chosen[i] != held[i]) {
                grant(r, peer[i], chosen[i]);
            }
        }
    }

    /** Gives {@code r} {@code s}'s camera, or takes it away, and notes the pair for the clients. */
    private void grant(VoiceMember r, VoiceMember s, boolean on) {
        r.linked.video(s, Links.RECEIVES, on);
        s.linked.video(r, Links.SENDS, on);
        s.videoAudience += on ? 1 : -1;
        permitted += on ? 1 : -1;
        changed.add(Pair.of(r, s));
    }

    /** Whether {@code r}'s link {@code i} may carry the peer's camera: two-way, and the camera on. */
    private static boolean showable(VoiceMember r, int i) {
        return r.linked.link(i).mutual() && r.linked.peer(i).camera;
    }

    /**
     * Fills {@code peer}/{@code distance}/{@code held} with {@code r}'s two-way links whose peer has
     * the camera on, nearest first; returns how many.
     */
    private int showableLinks(VoiceMember r) {
        int n = 0;
        for (int i = 0; i < r.linked.size(); i++) {
            if (!showable(r, i)) {
                continue;
            }
            if (n == peer.length) {
                peer = Arrays.copyOf(peer, n * 2);
                distance = Arrays.copyOf(distance, n * 2);
                held = Arrays.copyOf(held, n * 2);
                chosen = Arrays.copyOf(chosen, n * 2);
            }
            VoiceMember p = r.linked.peer(i);
            double d = r.distanceTo(p);
            boolean h = (r.linked.video(i) & Links.RECEIVES) != 0;
            // Insertion sort: a handful of links.
            int j = n++;
            while (j > 0 && nearer(p, d, peer[j - 1], distance[j - 1])) {
                peer[j] = peer[j - 1];
                distance[j] = distance[j - 1];
                held[j] = held[j - 1];
                j--;
            }
            peer[j] = p;
            distance[j] = d;
            held[j] = h;
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
}
