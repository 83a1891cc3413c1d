package io.skyscope.server.world.proximity;

import io.skyscope.map.MapArea;

/**
 * Which voice rules apply to someone: open space (proximity), one meeting room, one stage (its
 * speakers and listeners, on the stage or in an audience area naming it), or none (silent zone,
 * do not disturb, an audience whose stage the map lacks).
 *
 * @param area the meeting room or the stage; null for open space and none
 */
record Zone(Kind kind, MapArea area) {
    enum Kind { OPEN, NONE, ROOM, STAGE }

    static final Zone OPEN = new Zone(Kind.OPEN, null);
    static final Zone NONE = new Zone(Kind.NONE, null);

    /** Whether the zone's links are worked out for the whole zone at once (rooms and stages). */
    boolean shared() {
        return kind == Kind.ROOM || kind == Kind.STAGE;
    }
}
