package io.skyscope.server.ws;

import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.chat.Moderation;

/**
 * Carries out kicks and bans on this node's connections: a connection in the space is told why
 * and closed ({@link CloseCodes#KICKED} or {@link CloseCodes#BANNED}). Called on HTTP threads.
 */
public final class SpaceEjections implements Moderation.Ejector {
    private final SessionRegistry sessions;

    public SpaceEjections(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void eject(String userId, String spaceId, boolean banned) {
        ClientSession session = sessions.ofUser(userId);
        if (session == null || !spaceId.equals(session.spaceId())) {
            return;
        }
        String message = banned ? "you were banned from this space" : "an admin removed you from this space";
        session.closeAfter(ServerMessage.Error.of(banned ? "banned" : "kicked", message, null),
                banned ? CloseCodes.BANNED : CloseCodes.KICKED, banned ? "banned" : "kicked");
    }
}
