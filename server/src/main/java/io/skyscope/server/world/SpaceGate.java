package io.skyscope.server.world;

import io.skyscope.protocol.Status;

/** What the WebSocket layer asks of accounts and spaces when people enter and change status. */
public interface SpaceGate {

    /**
     * Checks that the user may enter the space (throws {@code Refused} naming why not) and
     * returns their profile as a join request.
     */
    JoinRequest admit(String userId, String sessionId, String spaceId, String ref);

    /** Keeps a status the user set, so it survives reconnects. */
    void saveStatus(String userId, Status status, String text);
}
