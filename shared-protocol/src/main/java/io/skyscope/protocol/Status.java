package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A person's availability, shown as a dot next to their avatar. */
public enum Status {
    @JsonProperty("available") AVAILABLE,
    @JsonProperty("busy") BUSY,
    @JsonProperty("away") AWAY,
    /** Do not disturb: joins no voice set and gets no sounds. */
    @JsonProperty("dnd") DND;

    /** The wire name, e.g. {@code "dnd"}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
