package io.skyscope.server.chat;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.Sanctions;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Who may read, send and moderate chat in a space: space visibility and roles from
 * {@link SpaceService}, bans and mutes from {@link Sanctions}. Stateless and thread-safe.
 */
public final class ChatAccess {
    /** Ranks: a moderator acts only on people of lower rank. */
    static final int NONE = 0;
    static final int MEMBER = 1;
    static final int ADMIN = 2;
    static final int OWNER = 3;

    private final SpaceService spaces;
    private final Users users;
    private final Sanctions sanctions;
    private final Clock clock;

    public ChatAccess(SpaceService spaces, Users users, Sanctions sanctions, Clock clock) {
        this.spaces = spaces;
        this.users = users;
        this.sanctions = sanctions;
        this.clock = clock;
    }

    /**
     * May read the space's chat: sees the space (public, or a member) and is not banned.
     *
     * @throws Refused 404 if the space is unknown or hidden; 403 {@code banned}
     */
    void requireReader(String spaceId, String userId) {
        spaces.get(userId, spaceId);
        requireNotBanned(spaceId, userId);
    }

    void requireNotBanned(String spaceId, String userId) {
        if (sanctions.isBanned(spaceId, userId)) {
            throw banned();
        }
    }

    /** @throws Refused 403 {@code banned} or {@code muted} (saying until when) */
    void requireMaySend(String spaceId, String userId) {
        var sanction = sanctions.find(spaceId, userId);
        if (sanction.isEmpty()) {
            return;
        }
        if (sanction.get().banned()) {
            throw banned();
        }
        Instant now = clock.instant();
        if (sanction.get().mutedAt(now)) {
            Instant until = sanction.get().mutedUntil();
            String when = until.equals(Sanctions.INDEFINITE) ? "until an admin lifts it"
                    : "until " + DateTimeFormatter.ISO_INSTANT.format(until.truncatedTo(ChronoUnit.SECONDS));
            throw new Refused(ErrorCode.MUTED, "An admin muted you in this space " + when);
        }
    }

    /** Owner (or server admin) 3, admin 2, member 1, anyone else 0. */
    int rank(String spaceId, String userId) {
        String role = spaces.role(userId, spaceId).orElse(null);
        if (Memberships.OWNER.equals(role) || users.findById(userId).map(Users.User::serverAdmin).orElse(false)) {
            return OWNER;
        }
        if (Memberships.ADMIN.equals(role)) {
            return ADMIN;
        }
        return role == null ? NONE : MEMBER;
    }

    boolean isMember(String spaceId, String userId) {
        return spaces.role(userId, spaceId).isPresent();
    }

    /**
     * For posting, editing, typing and read markers: a member of the space as it stands now (a
     * member removed a moment ago may still hold a connection or a conversation there).
     *
     * @throws Refused 403 if not
     */
    void requireMember(String spaceId, String userId) {
        if (!isMember(spaceId, userId)) {
            throw Refused.forbidden("You are not a member of this space");
        }
    }

    /**
     * The actor may moderate the target in the space: the actor is an admin or owner and outranks
     * the target.
     */
    void requireModerator(String spaceId, String actorId, String targetId) {
        int actor = requireModerator(spaceId, actorId);
        if (actorId.equals(targetId)) {
            throw Refused.badRequest("userId", "You can't do this to yourself");
        }
        if (rank(spaceId, targetId) >= actor) {
            throw Refused.forbidden("Only the owner can do this to an admin, and nobody to the owner");
        }
    }

    /** @return the actor's rank, at least admin */
    int requireModerator(String spaceId, String actorId) {
        spaces.get(actorId, spaceId);
        int actor = rank(spaceId, actorId);
        if (actor < ADMIN) {
            throw Refused.forbidden("Only the space's owner and admins can do this");
        }
        return actor;
    }

    static Refused banned() {
        return new Refused(ErrorCode.BANNED, "You are banned from this space");
    }
}
