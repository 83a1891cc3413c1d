package io.skyscope.desktop.map;

/** What a named area of the map is, from its Tiled object class (or type). */
public enum AreaKind {
    MEETING_ROOM("meeting-room", "Meeting room"),
    SILENT_ZONE("silent-zone", "Silent zone"),
    STAGE("stage", "Stage"),
    AUDIENCE("audience", "Audience"),
    SPAWN("spawn", "Entrance"),
    ROOM("room", "Room"),
    OTHER("", "Area");

    private final String tiledName;
    private final String label;

    AreaKind(String tiledName, String label) {
        this.tiledName = tiledName;
        this.label = label;
    }

    /** How the kind is named to people, e.g. "Silent zone". */
    public String label() {
        return label;
    }

    /** The kind for a Tiled class name; unknown names are {@link #OTHER}. */
    public static AreaKind fromTiled(String name) {
        for (AreaKind kind : values()) {
            if (kind != OTHER && kind.tiledName.equals(name)) {
                return kind;
            }
        }
        return OTHER;
    }
}
