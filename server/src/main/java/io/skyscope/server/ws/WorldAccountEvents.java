package io.skyscope.server.ws;

import io.skyscope.server.http.AuthRoutes;
import io.skyscope.server.store.Users;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;

/**
 * Brings account changes made over REST into the world: a new name, avatar or status reaches the
 * people in the user's space. Called on HTTP threads.
 */
public final class WorldAccountEvents implements AuthRoutes.AccountEvents {
    private final SessionRegistry sessions;
    private final SpaceDirectory owners;

    public WorldAccountEvents(SessionRegistry sessions, SpaceDirectory owners) {
        this.sessions = sessions;
        this.owners = owners;
    }

    @Override
    public void profileChanged(Users.User user) {
        ClientSession session = sessions.ofUser(user.id());
        if (session == null || session.spaceId() == null) {
            return;
        }
        owners.submitIfRunning(session.spaceId(), new SpaceCommand.Profile(user.id(), user.displayName(), user.avatar()));
        owners.submitIfRunning(session.spaceId(), new SpaceCommand.SetStatus(user.id(), user.status(), user.statusText(),
                null));
    }
}
