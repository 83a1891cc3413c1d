package io.skyscope.server.world;

import io.skyscope.map.Point;
import io.skyscope.protocol.ServerMessage.IceServer;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.Status;
import java.util.List;

/**
 * Who is joining, as their profile says, from which connection, the ICE servers (with TURN
 * credentials issued for them) their welcome carries, how their connection receives positions, and
 * where they would like to start ({@code startAt}: their desk's seat, or null), which the space
 * takes if they are not present yet and may stand there.
 */
public record JoinRequest(String userId, String sessionId, String displayName, String avatar,
                          Status status, String statusText, String ref, List<IceServer> iceServers,
                          PresenceEncoding presence, Point startAt) {
    public JoinRequest {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        presence = presence == null ? PresenceEncoding.JSON : presence;
    }

    /** A join with no start of its own (where they last were, else the spawn). */
    public JoinRequest(String userId, String sessionId, String displayName, String avatar, Status status,
                       String statusText, String ref, List<IceServer> iceServers, PresenceEncoding presence) {
        this(userId, sessionId, displayName, avatar, status, statusText, ref, iceServers, presence, null);
    }

    /** A join whose welcome offers no ICE servers (host candidates only), with positions in JSON. */
    public JoinRequest(String userId, String sessionId, String displayName, String avatar, Status status,
                       String statusText, String ref) {
        this(userId, sessionId, displayName, avatar, status, statusText, ref, List.of(), PresenceEncoding.JSON);
    }

    /** The same join, for a connection that receives positions in {@code encoding}. */
    public JoinRequest withPresence(PresenceEncoding encoding) {
        return new JoinRequest(userId, sessionId, displayName, avatar, status, statusText, ref, iceServers, encoding,
                startAt);
    }

    /** The same join, starting at {@code at} (null: no start of its own). */
    public JoinRequest startingAt(Point at) {
        return new JoinRequest(userId, sessionId, displayName, avatar, status, statusText, ref, iceServers, presence,
                at);
    }
}
