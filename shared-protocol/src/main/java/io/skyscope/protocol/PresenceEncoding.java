package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a connection receives positions: in {@code presence.update} text frames ({@code json}, the
 * default) or in compact binary {@link PositionFrame}s ({@code binary}). A client asks for the
 * compact form with {@code ?presence=binary} on the WebSocket upgrade; the welcome says which form
 * the server sends. Everything else is JSON either way.
 */
public enum PresenceEncoding {
    JSON, BINARY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The encoding a client stated, JSON when it stated none; an unknown name is refused. */
    public static PresenceEncoding parse(String stated) {
        if (stated == null || stated.isEmpty() || stated.equals("json")) {
            return JSON;
        }
        if (stated.equals("binary")) {
            return BINARY;
        }
        throw new IllegalArgumentException("presence is json or binary, got '"
                + (stated.length() > 20 ? stated.substring(0, 20) + "…" : stated) + "'");
    }
}
