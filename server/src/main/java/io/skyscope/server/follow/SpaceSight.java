package io.skyscope.server.follow;

import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;

/**
 * Whether someone may see a space, the rule of {@code GET /api/v1/spaces/{spaceId}}: a public
 * space, one they are a member of, or any space for a server admin. A follower learns of a followed
 * person's space only under this rule. Stateless and thread-safe.
 */
final class SpaceSight {
    private final Memberships memberships;
    private final Users users;

    SpaceSight(Memberships memberships, Users users) {
        this.memberships = memberships;
        this.users = users;
    }

    boolean maySee(String userId, Space space) {
        return space.isPublic() || memberships.find(space.id(), userId).isPresent()
                || users.findById(userId).map(User::serverAdmin).orElse(false);
    }
}
