package io.skyscope.map;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * What a named area of the map means to the people in it. The wire name is the Tiled object class
 * (or type) that marks the area in the map file, and the name used in protocol messages.
 */
public enum AreaKind {
    /** A room whose occupants all hear each other; may carry an int property {@code capacity}. */
    MEETING_ROOM("meeting-room"),
    /** A quiet room: nobody in it is heard by proximity. */
    SILENT_ZONE("silent-zone"),
    /** Whoever stands here is heard by everyone in the audience areas that name this stage. */
    STAGE("stage"),
    /** Listeners of a stage; the string property {@code stage} names the stage area. */
    AUDIENCE("audience");

    private final String wireName;

    AreaKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in map files and on the wire, e.g. {@code "meeting-room"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name, or empty if the name is not an area kind. */
    public static Optional<AreaKind> fromWireName(String wireName) {
        for (AreaKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
