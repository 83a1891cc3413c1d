package io.skyscope.server.space;

import io.skyscope.protocol.ErrorCode;
import static io.skyscope.server.store.Memberships.MEMBER;

import io.skyscope.server.Refused;
import io.skyscope.server.store.Invites;
import io.skyscope.server.store.Invites.Invite;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invite codes: creating, listing and revoking them (owner or admin) and accepting them. Used through
 * {@link SpaceService}. Stateless and thread-safe; a use is taken atomically.
 */
final class SpaceInvites {
    /** Open (unexpired) invites a space may have at once. */
    static final int MAX_OPEN_INVITES = 100;
    private static final Logger log = LoggerFactory.getLogger(SpaceInvites.class);

    private final Spaces spaces;
    private final Memberships memberships;
    private final Invites invites;
    private final SpaceAccessRules rules;
    private final SpaceBans bans;
    private final Clock clock;

    SpaceInvites(Spaces spaces, Memberships memberships, Invites invites, SpaceAccessRules rules, SpaceBans bans,
                 Clock clock) {
        this.bans = bans;
        this.spaces = spaces;
        this.memberships = memberships;
        this.invites = invites;
        this.rules = rules;
        this.clock = clock;
    }

    Invite create(String actorId, String spaceId, Duration ttl, int maxUses) {
        requireManager(actorId, spaceId);
        Instant now = clock.instant();
        if (invites.ofSpace(spaceId, now).size() >= MAX_OPEN_INVITES) {
            throw Refused.conflict(ErrorCode.TOO_MANY_INVITES, null, "This space has " + MAX_OPEN_INVITES
                    + " open invites; revoke some first");
        }
        Invite invite = invites.create(spaceId, actorId, now, now.plus(ttl), maxUses);
        log.info("User {} created an invite to space {} ({} uses, until {})", actorId, spaceId, maxUses,
                invite.expiresAt());
        return invite;
    }

    /** The space's open invites, newest first. Owner or admin. */
    List<Invite> list(String actorId, String spaceId) {
        requireManager(actorId, spaceId);
        List<Invite> open = new ArrayList<>(invites.ofSpace(spaceId, clock.instant()));
        open.sort(Comparator.comparing(Invite::createdAt).reversed());
        return open;
    }

    /** Deletes an invite of the space. Owner or admin. @throws Refused 404 if the space has no such invite */
    void revoke(String actorId, String spaceId, String code) {
        requireManager(actorId, spaceId);
        if (!invites.delete(spaceId, code)) {
            throw Refused.notFound("No such invite in this space");
        }
        log.info("User {} revoked an invite to space {}", actorId, spaceId);
    }

    /**
     * The invite if it can still be used, without using it: unexpired, with uses left, its space
     * still there, and its maker still allowed to invite people there (an invite does not outlive
     * its maker's role).
     */
    Optional<Invite> usable(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return invites.find(code).filter(i -> i.usableAt(now))
                .filter(i -> spaces.find(i.spaceId()).filter(s -> rules.mayManage(i.createdBy(), s)).isPresent());
    }

    private void requireManager(String actorId, String spaceId) {
        if (!rules.actor(actorId, spaceId).canManage()) {
            throw Refused.forbidden("Only the owner or an admin can invite people");
        }
    }

    /**
     * Makes the user a member of the invite's space, using the invite once. A user who is
     * already a member keeps their role and does not use up the invite.
     */
    SpaceService.SpaceAccess accept(String userId, String code) {
        Invite invite = usable(code).orElseThrow(SpaceInvites::invalid);
        String spaceId = invite.spaceId();
        Space space = spaces.find(spaceId).orElseThrow(SpaceInvites::invalid);
        bans.requireNotBanned(spaceId, userId);
        Optional<String> existing = memberships.find(spaceId, userId).map(Memberships.Membership::role);
        if (existing.isPresent()) {
            return new SpaceService.SpaceAccess(space, SpaceAccessRules.effectiveRole(space, userId, existing.get()));
        }
        if (invites.consume(code, clock.instant()).isEmpty()) {
            throw invalid();
        }
        if (!memberships.addIfAbsent(spaceId, userId, MEMBER, clock.instant())) {
            // Joined by another route in the meantime: give the use back.
            invites.release(code);
        }
        log.info("User {} joined space {} by invite", userId, spaceId);
        String role = memberships.find(spaceId, userId).map(Memberships.Membership::role).orElse(MEMBER);
        return new SpaceService.SpaceAccess(space, SpaceAccessRules.effectiveRole(space, userId, role));
    }

    static Refused invalid() {
        return Refused.notFound("This invite code is unknown, expired or used up");
    }
}
