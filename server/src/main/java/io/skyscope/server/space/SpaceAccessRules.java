package io.skyscope.server.space;

import static io.skyscope.server.store.Memberships.ADMIN;
import static io.skyscope.server.store.Memberships.OWNER;

import io.skyscope.server.Refused;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;

/**
 * Resolves who is acting on which space, and with what rights. Shared by {@link SpaceService}
 * and {@link SpaceInvites}. Stateless and thread-safe.
 */
final class SpaceAccessRules {
    private final Spaces spaces;
    private final Memberships memberships;
    private final Users users;

    SpaceAccessRules(Spaces spaces, Memberships memberships, Users users) {
        this.spaces = spaces;
        this.memberships = memberships;
        this.users = users;
    }

    /**
     * A user acting on a space they may see.
     *
     * @param role        their role in the space, or null if not a member
     * @param serverAdmin whether they administer the whole server
     */
    record Actor(User user, Space space, String role, boolean serverAdmin) {
        /** The owner, or a server admin acting as one. */
        boolean isOwner() {
            return OWNER.equals(role) || serverAdmin;
        }

        /** May invite people, remove plain members and change the map. */
        boolean canManage() {
            return isOwner() || ADMIN.equals(role);
        }
    }

    /**
     * The acting user and the space, if they may see it.
     *
     * @throws Refused 401 if the account no longer exists; 404 if the space does not exist
     *     or is private and they are neither a member nor a server admin
     */
    Actor actor(String userId, String spaceId) {
        User user = requireUser(userId);
        Space space = spaces.find(spaceId).orElseThrow(SpaceAccessRules::notFound);
        String stored = memberships.find(spaceId, userId).map(Membership::role).orElse(null);
        String role = effectiveRole(space, userId, stored);
        if (!space.isPublic() && role == null && !user.serverAdmin()) {
            throw notFound();
        }
        return new Actor(user, space, role, user.serverAdmin());
    }

    /** Whether the user may still manage the space now (owner, admin or server admin; false if the account is gone). */
    boolean mayManage(String userId, Space space) {
        var user = users.findById(userId);
        if (user.isEmpty()) {
            return false;
        }
        String role = effectiveRole(space, userId, memberships.find(space.id(), userId).map(Membership::role).orElse(null));
        return new Actor(user.get(), space, role, user.get().serverAdmin()).canManage();
    }

    /** The account behind a (still valid) access token. */
    User requireUser(String userId) {
        return users.findById(userId).orElseThrow(() -> Refused.unauthorized("This account no longer exists"));
    }

    /**
     * The role to report: the space's {@code ownerId} decides who is owner, so that a hand-over
     * interrupted half-way never shows two owners (a stale "owner" membership reads as admin).
     */
    static String effectiveRole(Space space, String userId, String storedRole) {
        if (userId.equals(space.ownerId())) {
            return OWNER;
        }
        if (OWNER.equals(storedRole)) {
            return ADMIN;
        }
        return storedRole;
    }

    static Refused notFound() {
        return Refused.notFound("Space not found");
    }
}
