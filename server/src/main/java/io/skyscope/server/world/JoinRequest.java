package io.skyscope.server.world;

import io.skyscope.protocol.ServerMessage.IceServer;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.Status;
import java.util.List;

/**
 * Who is joining, as their profile says, from which connection, the ICE servers (with TURN
 * credentials issued for them) their welcome carries, how their connection receives positions, and
 * the version of their profile photo ({@code photo}, null if none).
 */
public record JoinRequest(String userId, String sessionId, String displayName, String avatar,
                          Status status, String statusText, String ref, List<IceServer> iceServers,
                          PresenceEncoding presence, String photo) {
    public JoinRequest {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        presence = presence == null ? PresenceEncoding.JSON : presence;
    }

    /** A join whose welcome offers no ICE servers (host candidates only), with positions in JSON. */
    public JoinRequest(String userId, String sessionId, String displayName, String avatar, Status status,
                       String statusText, String ref) {
        this(userId, sessionId, displayName, avatar, status, statusText, ref, List.of(), PresenceEncoding.JSON, null);
    }

    /** A join of someone without a profile photo. */
    public JoinRequest(String userId, String sessionId, String displayName, String avatar, Status status,
                       String statusText, String ref, List<IceServer> iceServers, PresenceEncoding presence) {
        this(userId, sessionId, displayName, avatar, status, statusText, ref, iceServers, presence, null);
    }

    /** The same join, for a connection that receives positions in {@code encoding}. */
    public JoinRequest withPresence(PresenceEncoding encoding) {
        return new JoinRequest(userId, sessionId, displayName, avatar, status, statusText, ref, iceServers, encoding,
                photo);
    }
}
