package io.skyscope.server.ws;

import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.Refused;

/**
 * Handles {@code auth}: binds the connection to a fresh access token of the same account, so it
 * outlives the token it opened with. A token that is not valid, not in force any more, or of
 * another account is refused with an {@code error}; the connection keeps its current token (and
 * closes when that one expires). Called on the session's inbound thread.
 */
public final class AuthHandler {
    private final AccessCheck access;

    public AuthHandler(AccessCheck access) {
        this.access = access;
    }

    public void renew(ClientSession session, ClientMessage.Auth auth) {
        AuthenticatedUser renewed = access.verify(auth.token());
        if (!renewed.userId().equals(session.userId())) {
            throw Refused.forbidden("This token belongs to another account");
        }
        session.renew(renewed);
        session.send(new ServerMessage.Ack(auth.ref(), "auth"));
    }
}
