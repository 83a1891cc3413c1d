package io.skyscope.server.ws;

import io.skyscope.server.http.AuthRoutes;
import io.skyscope.server.store.Users;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;
import java.util.function.Function;

/**
 * Brings account changes made over REST into the world: a new name, avatar, photo or status
 * reaches the people in the user's space, also when the user's connection is on another node than
 * the request. Called on HTTP threads.
 */
public final class WorldAccountEvents implements AuthRoutes.AccountEvents {
    private final SessionRegistry sessions;
    private final SpaceDirectory owners;
    private final Function<String, String> spaceElsewhere;

    public WorldAccountEvents(SessionRegistry sessions, SpaceDirectory owners) {
        this(sessions, owners, userId -> null);
    }

    /** @param spaceElsewhere the space a user connected to another node is in (null if none or unknown) */
    public WorldAccountEvents(SessionRegistry sessions, SpaceDirectory owners, Function<String, String> spaceElsewhere) {
        this.sessions = sessions;
        this.owners = owners;
        this.spaceElsewhere = spaceElsewhere;
    }

    @Override
    public void profileChanged(Users.User user) {
        ClientSession session = sessions.ofUser(user.id());
        String spaceId = session != null ? session.spaceId() : spaceElsewhere.apply(user.id());
        if (spaceId == null) {
            return;
        }
        owners.submitIfRunning(spaceId, new SpaceCommand.Profile(user.id(), user.displayName(), user.avatar(),
                user.card().photo()));
        owners.submitIfRunning(spaceId, new SpaceCommand.SetStatus(user.id(), user.status(), user.statusText(), null));
    }
}
