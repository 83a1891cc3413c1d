package io.skyscope.server.voice;

import io.skyscope.protocol.ServerMessage.IceServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE servers a client is given in {@code welcome}: the configured STUN servers, and the TURN
 * servers with credentials issued for that user. With neither configured the list is empty and
 * clients use host candidates only (enough on one network). Thread-safe.
 */
public final class IceServers {
    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final TurnCredentials turn;

    /** {@code turn} may be null when no TURN server is configured. */
    public IceServers(List<String> stunUrls, List<String> turnUrls, TurnCredentials turn) {
        if (!turnUrls.isEmpty() && turn == null) {
            throw new IllegalArgumentException("TURN URLs need a TURN secret");
        }
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.turn = turn;
    }

    public List<IceServer> forUser(String userId) {
        List<IceServer> servers = new ArrayList<>(2);
        if (!stunUrls.isEmpty()) {
            servers.add(new IceServer(stunUrls, null, null));
        }
        if (!turnUrls.isEmpty()) {
            var credential = turn.issue(userId);
            servers.add(new IceServer(turnUrls, credential.username(), credential.password()));
        }
        return servers;
    }
}
