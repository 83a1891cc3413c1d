package io.skyscope.server.world.proximity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warm links: connections set up before two people can hear each other, so that a call starts by
 * turning audio on over a link that is already there instead of by setting one up. Only between
 * people whose clients said they make them ({@link VoiceMember#warmCapable}), and only in open
 * space: a pair is warm within {@link #RADIUS_FACTOR} times the join radius and stays warm out to
 * that plus the space's hysteresis band. Whether the two hear each other is still decided by the
 * voice sets alone ({@link VoiceSets}); a warm link carries no audio until they do.
 *
 * <p>Each person has at most {@link #MAX_WARM} warm links, the nearest found when they look. A
 * warm link is a whole peer connection on each client (ICE consent checks every few seconds, DTLS
 * state, a decoder waiting), so a crowd at the entrance must not open one per person in view: with
 * this cap a client holds at most {@code MAX_WARM} warm connections plus its calls, and the people
 * further out start cold, as before. A full person takes no newcomer in place of a warm link
 * (that would churn connections as a crowd shuffles); they look again when they move.
 *
 * <p>People are looked at when they moved or changed ({@link #look}), at the end of the engine's
 * tick, after the voice sets. Owned by the engine's thread.
 */
final class WarmLinks {
    /** Warm links per person. */
    static final int MAX_WARM = 8;
    /**
     * The warm radius in join radii: 320 px with the default 128, which someone walking at the
     * clients' 288 px/s crosses to the join radius in about 0.7 s, time enough to connect.
     */
    static final double RADIUS_FACTOR = 2.5;

    private final List<WarmEvent> out = new ArrayList<>();
    private final Set<VoiceMember> toLook = new LinkedHashSet<>();
    private VoiceMember[] candidate = new VoiceMember[16];
    private double[] distance = new double[16];
    private Integer[] order = new Integer[16];
    private int candidates;
    private int pairs;
    private final ProximityGrid.Visitor collect = this::collect;
    private VoiceMember looking;

    /** Pairs that are warm (each once). */
    int count() {
        return pairs;
    }

    /** The warm radius for these settings. */
    static double radius(VoiceSettings settings) {
        return Math.min(VoiceSettings.MAX_RADIUS, settings.joinRadius() * RADIUS_FACTOR);
    }

    /** How far apart a warm pair may go before it cools. */
    static double leaveRadius(VoiceSettings settings) {
        return Math.min(VoiceSettings.MAX_RADIUS, radius(settings) + settings.hysteresis());
    }

    /** {@code m} moved or changed: looked at at the end of the tick. */
    void look(VoiceMember m) {
        if (m.warmCapable || !m.warm.isEmpty()) {
            toLook.add(m);
        }
    }

    /**
     * {@code m}'s client starts ({@code on}) or stops making warm links. Either way their warm
     * links end now (a client that says it again starts afresh, as after a welcome), and with
     * {@code on} they are looked at at the end of the next tick.
     */
    void capable(VoiceMember m, boolean on) {
        m.warmCapable = on;
        coolAll(m, true);
        look(m);
    }

    /** {@code m} left the space: their warm links end now; only their peers are told. */
    void forget(VoiceMember m) {
        coolAll(m, false);
        toLook.remove(m);
    }

    /** Looks at everyone who moved or changed since the last call. */
    void apply(ProximityGrid openSpace, VoiceSettings settings) {
        double radius = radius(settings);
        double leave = leaveRadius(settings);
        for (VoiceMember u : toLook) {
            if (u.removed) {
                continue;
            }
            if (!u.warmCapable || u.zone != Zone.OPEN) {
                coolAll(u, true);
                continue;
            }
            for (VoiceMember peer : u.warm.peers()) {
                if (peer.zone != Zone.OPEN || u.distanceTo(peer) > leave) {
                    cool(u, peer, true);
                }
            }
            if (u.warm.size() < MAX_WARM) {
                warmNearest(u, openSpace, radius);
            }
        }
        toLook.clear();
    }

    /** The events since the last call, in order; the list is cleared. */
    List<WarmEvent> take() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<WarmEvent> events = List.copyOf(out);
        out.clear();
        return events;
    }

    private void warmNearest(VoiceMember u, ProximityGrid openSpace, double radius) {
        candidates = 0;
        looking = u;
        openSpace.forEachWithin(u.x, u.y, radius, collect);
        looking = null;
        for (int i = 0; i < candidates; i++) {
            order[i] = i;
        }
        Arrays.sort(order, 0, candidates, (i, j) -> Double.compare(distance[i], distance[j]));
        for (int k = 0; k < candidates && u.warm.size() < MAX_WARM; k++) {
            VoiceMember v = candidate[order[k]];
            if (v.warm.size() < MAX_WARM) {
                warm(u, v);
            }
        }
        Arrays.fill(candidate, 0, candidates, null);
    }

    private void collect(VoiceMember v, double d) {
        VoiceMember u = looking;
        if (v == u || !v.warmCapable || v.warm.size() >= MAX_WARM || u.warm.get(v) != null) {
            return;
        }
        if (candidates == candidate.length) {
            int n = candidates * 2;
            candidate = Arrays.copyOf(candidate, n);
            distance = Arrays.copyOf(distance, n);
            order = Arrays.copyOf(order, n);
        }
        candidate[candidates] = v;
        distance[candidates] = d;
        candidates++;
    }

    private void warm(VoiceMember u, VoiceMember v) {
        u.warm.put(v, VoiceLink.PROXIMITY);
        v.warm.put(u, VoiceLink.PROXIMITY);
        pairs++;
        boolean uOffers = u.id.compareTo(v.id) < 0;
        out.add(new WarmEvent.Warm(u.id, v.id, uOffers));
        out.add(new WarmEvent.Warm(v.id, u.id, !uOffers));
    }

    private void coolAll(VoiceMember m, boolean tellThem) {
        for (VoiceMember peer : m.warm.peers()) {
            cool(m, peer, tellThem);
        }
    }

    private void cool(VoiceMember u, VoiceMember v, boolean tellU) {
        u.warm.remove(v);
        v.warm.remove(u);
        pairs--;
        if (tellU) {
            out.add(new WarmEvent.Cool(u.id, v.id));
        }
        out.add(new WarmEvent.Cool(v.id, u.id));
    }
}
