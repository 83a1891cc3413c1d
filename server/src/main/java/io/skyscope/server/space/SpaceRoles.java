package io.skyscope.server.space;

import io.skyscope.protocol.ErrorCode;
import static io.skyscope.server.store.Memberships.ADMIN;
import static io.skyscope.server.store.Memberships.MEMBER;
import static io.skyscope.server.store.Memberships.OWNER;

import io.skyscope.server.Refused;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Role changes, hand-overs and removals of members. Used through {@link SpaceService}.
 * Stateless and thread-safe.
 */
final class SpaceRoles {
    private static final Logger log = LoggerFactory.getLogger(SpaceRoles.class);
    private static final Set<String> ROLES = Set.of(OWNER, ADMIN, MEMBER);

    private final Spaces spaces;
    private final Memberships memberships;
    private final Users users;
    private final SpaceAccessRules rules;

    SpaceRoles(Spaces spaces, Memberships memberships, Users users, SpaceAccessRules rules) {
        this.spaces = spaces;
        this.memberships = memberships;
        this.users = users;
        this.rules = rules;
    }

    /**
     * Changes a member's role. Only the owner (or a server admin) may; setting {@code owner}
     * hands the space over and makes the previous owner an admin. The owner's own role cannot be
     * changed directly, nor a guest's (403 {@code guest_not_allowed}).
     */
    SpaceService.Member setRole(String actorId, String spaceId, String userId, String role) {
        if (role == null || !ROLES.contains(role)) {
            throw Refused.badRequest("role", "Role must be 'owner', 'admin' or 'member'");
        }
        SpaceAccessRules.Actor actor = rules.actor(actorId, spaceId);
        if (!actor.isOwner()) {
            throw Refused.forbidden("Only the owner can change roles");
        }
        Space space = actor.space();
        Membership target = memberships.find(spaceId, userId)
                .orElseThrow(() -> Refused.notFound("That user is not a member of this space"));
        User user = users.findById(userId).orElseThrow(() -> Refused.notFound("No such user"));
        if (Memberships.GUEST.equals(target.role())) {
            throw new Refused(ErrorCode.GUEST_NOT_ALLOWED, "A guest's role cannot change; send them an invite to"
                    + " make an account instead");
        }
        if (userId.equals(space.ownerId())) {
            if (role.equals(OWNER)) {
                return new SpaceService.Member(userId, user.displayName(), OWNER);
            }
            throw Refused.conflict(ErrorCode.OWNER_ROLE, "role",
                    "The owner's role can't be changed; make another member the owner instead");
        }
        if (role.equals(OWNER)) {
            // New owner's membership first, then the authoritative ownerId, then the demotion.
            memberships.setRole(spaceId, userId, OWNER);
            spaces.setOwner(spaceId, userId);
            if (space.ownerId() != null) {
                memberships.setRole(spaceId, space.ownerId(), ADMIN);
            }
            log.info("User {} handed space {} over from {} to {}", actorId, spaceId, space.ownerId(), userId);
        } else if (!role.equals(target.role())) {
            memberships.setRole(spaceId, userId, role);
            log.info("User {} made {} {} of space {}", actorId, userId, role, spaceId);
        }
        return new SpaceService.Member(userId, user.displayName(), role);
    }

    /**
     * Removes a member. Anyone may leave; the owner (or a server admin) may remove anyone; an
     * admin may remove plain members and guests. The owner cannot be removed: hand the space over first.
     */
    void removeMember(String actorId, String spaceId, String userId) {
        SpaceAccessRules.Actor actor = rules.actor(actorId, spaceId);
        Membership target = memberships.find(spaceId, userId)
                .orElseThrow(() -> Refused.notFound("That user is not a member of this space"));
        if (userId.equals(actor.space().ownerId())) {
            throw Refused.conflict(ErrorCode.OWNER_CANNOT_LEAVE, "userId",
                    "The owner can't be removed; hand the space over first");
        }
        boolean allowed = actorId.equals(userId) || actor.isOwner()
                || (ADMIN.equals(actor.role()) && (MEMBER.equals(target.role())
                        || Memberships.GUEST.equals(target.role())));
        if (!allowed) {
            throw Refused.forbidden("You may not remove this member");
        }
        memberships.remove(spaceId, userId);
        log.info("User {} removed {} from space {}", actorId, userId, spaceId);
    }
}
