package io.skyscope.server.world.proximity;

import java.util.Locale;

/** Why two people hear each other; the wire name goes to clients in {@code voice.join}/{@code voice.leave}. */
public enum VoiceReason {
    /** Both stand in open space within hearing range. */
    PROXIMITY,
    /** Both are in the same meeting room. */
    ROOM,
    /** One speaks on a stage, the other is a speaker too or listens from the stage or its audience. */
    STAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
