package io.skyscope.server.world;

import io.skyscope.protocol.Status;

/** Who is joining, as their profile says, from which connection. */
public record JoinRequest(String userId, String sessionId, String displayName, String avatar,
                          Status status, String statusText, String ref) {
}
