package io.skyscope.server.world;

import io.skyscope.protocol.ServerMessage.IceServer;
import io.skyscope.protocol.Status;
import java.util.List;

/**
 * Who is joining, as their profile says, from which connection, and the ICE servers (with TURN
 * credentials issued for them) their welcome carries.
 */
public record JoinRequest(String userId, String sessionId, String displayName, String avatar,
                          Status status, String statusText, String ref, List<IceServer> iceServers) {
    public JoinRequest {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }

    /** A join whose welcome offers no ICE servers (host candidates only). */
    public JoinRequest(String userId, String sessionId, String displayName, String avatar, Status status,
                       String statusText, String ref) {
        this(userId, sessionId, displayName, avatar, status, statusText, ref, List.of());
    }
}
