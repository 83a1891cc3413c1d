package io.skyscope.server.ws;

import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.http.AuthRoutes;
import io.skyscope.server.store.Users;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceOwner;
import io.skyscope.server.world.SpaceOwners;

/**
 * Brings account changes made over REST into the world: a new name, avatar or status reaches the
 * people in the user's space; a deleted account's connection is closed. Called on HTTP threads.
 */
public final class WorldAccountEvents implements AuthRoutes.AccountEvents {
    private final SessionRegistry sessions;
    private final SpaceOwners owners;

    public WorldAccountEvents(SessionRegistry sessions, SpaceOwners owners) {
        this.sessions = sessions;
        this.owners = owners;
    }

    @Override
    public void profileChanged(Users.User user) {
        ClientSession session = sessions.ofUser(user.id());
        if (session == null || session.spaceId() == null) {
            return;
        }
        SpaceOwner owner = owners.running(session.spaceId());
        if (owner != null) {
            owner.submit(new SpaceCommand.Profile(user.id(), user.displayName(), user.avatar()));
            owner.submit(new SpaceCommand.SetStatus(user.id(), user.status(), user.statusText(), null));
        }
    }

    @Override
    public void accountDeleted(String userId) {
        ClientSession session = sessions.ofUser(userId);
        if (session != null) {
            session.closeAfter(ServerMessage.Error.of("signed_out", "this account was deleted", null),
                    CloseCodes.SIGNED_OUT, "account deleted");
        }
    }
}
