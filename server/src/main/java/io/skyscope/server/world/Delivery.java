package io.skyscope.server.world;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;

/**
 * A message for one user, produced by a space's engines: either a message record, or a frame
 * already encoded (presence updates are assembled from shared, pre-encoded parts).
 */
public record Delivery(String userId, ServerMessage message, String encoded) {

    public Delivery(String userId, ServerMessage message) {
        this(userId, message, null);
    }

    public static Delivery frame(String userId, String encoded) {
        return new Delivery(userId, null, encoded);
    }

    /** The frame to send. */
    public String frame() {
        return encoded != null ? encoded : ProtocolCodec.encode(message);
    }
}
