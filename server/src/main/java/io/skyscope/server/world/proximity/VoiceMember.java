package io.skyscope.server.world.proximity;

import io.skyscope.map.MapArea;

/**
 * One person as the proximity engine sees them. Two relations per person: {@code desired}, what
 * the rules want right now, and {@code linked}, the voice set the clients were told about, which
 * follows {@code desired} after the debounce. Owned by the engine's (the space's) thread.
 *
 * <p>Outside this package it is only a handle: {@link ProximityEngine#put} returns it, and the
 * space keeps it with its occupant so that a move reaches the person without a look-up by id
 * (about a fifth of a tick on a spread-out floor of 10,000 people, where it was measured).
 */
public final class VoiceMember {
    final String id;
    double x;
    double y;
    /** The map area the person stands in now, or null. */
    MapArea area;
    /** The zone as of the last tick. */
    Zone zone = Zone.NONE;
    boolean doNotDisturb;
    /** Whether their camera is on: only then does {@link VideoSets} give it a place. */
    boolean camera;
    boolean dirty;
    /** Set when the person leaves the engine: a handle kept after that no longer moves anyone. */
    boolean removed;
    /** Index in the {@link ProximityGrid} while in open space, else -1. */
    int slot = -1;
    final Links desired = new Links();
    final Links linked = new Links();
    /** How many of {@code desired} / {@code linked} are proximity links (the ones {@code maxPeers} caps). */
    int desiredProximity;
    int linkedProximity;
    /** Where the person stood at the last tick that looked at them (NaN before the first). */
    double tickX = Double.NaN;
    double tickY = Double.NaN;
    /** Walking past ({@link Walkers}): keeps their calls, starts no new one. */
    boolean walking;
    /** The clock's time at the last tick that found them faster than the walking speed. */
    long walkedAt;
    /**
     * Their furthest proximity peer and its distance, while {@code furthestKnown}: kept from query to
     * query until they or one of their peers moves, or their links change. In a crowd everyone is
     * full, and every query asks each person it finds whom they would give up.
     */
    VoiceMember furthest;
    double furthestDistance;
    boolean furthestKnown;
    /**
     * Bounds on the distances of whose camera they receive ({@link VideoSets}; flags on
     * {@code linked}), kept between choices: at least the furthest chosen, at most the nearest
     * two-way link with the camera on left out.
     */
    double videoFar;
    double videoNear = Double.MAX_VALUE;
    /** How many people receive this person's camera. */
    int videoAudience;
    /** Whether {@link VideoSets} is to look at them again at the next tick. */
    boolean videoMarked;
    /** Their client sets up warm links ({@link WarmLinks}); off until it says so. */
    boolean warmCapable;
    /** Their warm links, as the clients were told ({@link WarmLinks}); the link kinds are unused. */
    final Links warm = new Links();

    VoiceMember(String id) {
        this.id = id;
    }

    double distanceTo(VoiceMember other) {
        double dx = other.x - x;
        double dy = other.y - y;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
