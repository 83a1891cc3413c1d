package io.skyscope.desktop.map;

import io.skyscope.map.MapRegion;

/**
 * What a labelled rectangle of the map is to people, from its Tiled class: the four kinds the rules
 * know ({@link io.skyscope.map.AreaKind}), the entrance (spawn), plain rooms, and anything else.
 */
public enum AreaKindLabel {
    MEETING_ROOM("Meeting room"),
    SILENT_ZONE("Silent zone"),
    STAGE("Stage"),
    AUDIENCE("Audience"),
    SPAWN("Entrance"),
    ROOM("Room"),
    OTHER("Area");

    private static final String ROOM_CLASS = "room";

    private final String label;

    AreaKindLabel(String label) {
        this.label = label;
    }

    /** How the kind is named to people, e.g. "Silent zone". */
    public String label() {
        return label;
    }

    /** The kind for a Tiled class name; unknown names are {@link #OTHER}. */
    public static AreaKindLabel fromTiled(String name) {
        return io.skyscope.map.AreaKind.fromWireName(name).map(kind -> valueOf(kind.name()))
                .orElse(name.equals(MapRegion.SPAWN) ? SPAWN : name.equals(ROOM_CLASS) ? ROOM : OTHER);
    }
}
