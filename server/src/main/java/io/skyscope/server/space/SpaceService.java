package io.skyscope.server.space;

import io.skyscope.protocol.ErrorCode;
import static io.skyscope.server.store.Memberships.ADMIN;
import static io.skyscope.server.store.Memberships.MEMBER;
import static io.skyscope.server.store.Memberships.OWNER;

import io.skyscope.server.auth.AccountRules;
import io.skyscope.server.auth.GuestNames;
import io.skyscope.server.config.ServerConfig.Quotas;
import io.skyscope.server.Refused;
import io.skyscope.server.limits.Pages;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.Invites;
import io.skyscope.server.store.Invites.Invite;
import io.skyscope.server.store.Maps;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules about spaces: who sees, joins and manages which one, and invite codes.
 *
 * <p>Roles: the {@code owner} (exactly one, recorded on the space) may do everything, including
 * deleting the space and changing roles; {@code admin}s may invite, remove plain members and
 * change the map; {@code member}s may be there. A server admin may manage any space as if they
 * were its owner, but joins a private one only as a member, like everyone else.
 *
 * <p>Visibility: a private space is reported as 404 to anyone who is not a member (or server
 * admin), so its existence does not leak. Public spaces are visible to everyone signed in, and
 * whoever joins one becomes a member.
 *
 * <p>The default space has id {@value #DEFAULT_SPACE_ID}, name "Office", the built-in map
 * {@value #DEFAULT_MAP_ID} version 1, and is owned by the first server admin. It cannot be deleted.
 *
 * <p>Thread-safe and stateless: called concurrently from HTTP request threads and the WebSocket
 * join handler. Multi-document changes are ordered so that an interruption leaves the space's
 * {@code ownerId} authoritative (there are no transactions on the embedded store).
 */
public final class SpaceService {
    public static final String DEFAULT_SPACE_ID = "office";
    public static final String DEFAULT_SPACE_NAME = "Office";
    public static final String DEFAULT_MAP_ID = "default-office";
    public static final int DEFAULT_MAP_VERSION = 1;
    public static final int NAME_MAX = 64;
    public static final Duration INVITE_TTL = Duration.ofDays(7);
    public static final int INVITE_MAX_USES = 50;
    /** The default and largest page of {@code GET /api/v1/spaces}. */
    public static final int PAGE_MAX = 100;

    private static final Logger log = LoggerFactory.getLogger(SpaceService.class);

    private final Spaces spaces;
    private final Memberships memberships;
    private final Maps maps;
    private final Users users;
    private final Invites invites;
    private final SpaceAccessRules rules;
    private final SpaceInvites inviteRules;
    private final SpaceRoles roles;
    private final SpaceExits exits;
    private final Clock clock;
    private final int spacesPerUser;
    private final RateLimit creations;

    /**
     * @param bans   who is banned where: a banned user cannot come back through an invite
     * @param exits  takes a removed member out of the space at once
     * @param quotas how many spaces a user may own and create an hour
     */
    public SpaceService(Spaces spaces, Memberships memberships, Invites invites, Maps maps, Users users,
                        SpaceBans bans, SpaceExits exits, Clock clock, Quotas quotas) {
        this.spacesPerUser = quotas.spacesPerUser();
        this.creations = new RateLimit("new spaces from you", quotas.spaceCreatesPerHour());
        this.spaces = spaces;
        this.exits = exits;
        this.memberships = memberships;
        this.invites = invites;
        this.maps = maps;
        this.users = users;
        this.clock = clock;
        this.rules = new SpaceAccessRules(spaces, memberships, users);
        this.inviteRules = new SpaceInvites(spaces, memberships, invites, rules, bans, clock);
        this.roles = new SpaceRoles(spaces, memberships, users, rules);
    }

    /** A space and the caller's role in it ({@code owner|admin|member}, or null if not a member). */
    public record SpaceAccess(Space space, String role) {
    }

    /** A member of a space, with the display name to show. */
    public record Member(String userId, String displayName, String role) {
    }

    /**
     * Creates the default space on first start, and gives it to the first server admin if it has
     * no owner yet. Idempotent; called once by the composition root at start-up.
     */
    public Space ensureDefaultSpace() {
        Optional<String> admin = users.firstServerAdmin().map(User::id);
        Space office = new Space(DEFAULT_SPACE_ID, DEFAULT_SPACE_NAME, Spaces.PUBLIC, admin.orElse(null),
                DEFAULT_MAP_ID, DEFAULT_MAP_VERSION, clock.instant());
        if (spaces.insertIfAbsent(office)) {
            log.info("Created the default space {} (owner {})", DEFAULT_SPACE_ID, admin.orElse("none yet"));
            admin.ifPresent(id -> memberships.put(DEFAULT_SPACE_ID, id, OWNER, clock.instant()));
        } else {
            admin.ifPresent(this::adoptDefaultSpace);
        }
        return spaces.find(DEFAULT_SPACE_ID).orElseThrow();
    }

    /**
     * Makes a (new) server admin the owner of the default space if it has none. Called when an
     * admin account is registered.
     *
     * @return whether the user became its owner
     */
    public boolean adoptDefaultSpace(String adminUserId) {
        if (!spaces.setOwnerIfNone(DEFAULT_SPACE_ID, adminUserId)) {
            return false;
        }
        memberships.put(DEFAULT_SPACE_ID, adminUserId, OWNER, clock.instant());
        log.info("User {} now owns the default space", adminUserId);
        return true;
    }

    /**
     * Creates a space owned by {@code userId} with the default map. {@code visibility} null = public.
     *
     * @throws Refused 429 if the user creates spaces too fast, 409 {@code quota_exceeded} if
     *                      they already own {@link Quotas#spacesPerUser}
     */
    public SpaceAccess create(String userId, String name, String visibility) {
        rules.requireUser(userId);
        String cleanName = AccountRules.text("name", "Space name", name, 1, NAME_MAX);
        String vis = visibility == null ? Spaces.PUBLIC : visibility;
        if (!vis.equals(Spaces.PUBLIC) && !vis.equals(Spaces.PRIVATE)) {
            throw Refused.badRequest("visibility", "Visibility must be 'public' or 'private'");
        }
        creations.acquire(userId);
        if (spaces.ownedBy(userId).size() >= spacesPerUser) {
            throw Refused.quotaExceeded(null, "You own " + spacesPerUser
                    + " spaces, as many as one person may; delete one or hand it over first");
        }
        Instant now = clock.instant();
        Space space = spaces.create(cleanName, vis, userId, DEFAULT_MAP_ID, DEFAULT_MAP_VERSION, now);
        memberships.put(space.id(), userId, OWNER, now);
        log.info("User {} created {} space {}", userId, vis, space.id());
        return new SpaceAccess(space, OWNER);
    }

    /** Public spaces and the private spaces {@code userId} belongs to, oldest first. */
    public List<SpaceAccess> list(String userId) {
        Map<String, String> roles = new HashMap<>();
        for (Membership m : memberships.ofUser(userId)) {
            roles.put(m.spaceId(), m.role());
        }
        Map<String, Space> visible = new HashMap<>();
        spaces.listPublic().forEach(s -> visible.put(s.id(), s));
        spaces.findByIds(roles.keySet()).forEach(s -> visible.put(s.id(), s));
        List<SpaceAccess> result = new ArrayList<>();
        for (Space s : visible.values()) {
            result.add(new SpaceAccess(s, SpaceAccessRules.effectiveRole(s, userId, roles.get(s.id()))));
        }
        result.sort(Comparator.comparing((SpaceAccess a) -> a.space().createdAt()).thenComparing(a -> a.space().id()));
        return result;
    }

    /**
     * One page of {@link #list}: up to {@code limit} (default and most {@value #PAGE_MAX}) spaces
     * after the cursor {@code after} (a previous page's {@code next}).
     */
    public Pages.Page<SpaceAccess> page(String userId, String after, Integer limit) {
        if (limit != null && limit < 1) {
            throw Refused.badRequest("limit", "'limit' must be at least 1");
        }
        int n = limit == null ? PAGE_MAX : Math.min(limit, PAGE_MAX);
        return Pages.page(list(userId), a -> Pages.key(a.space().createdAt(), a.space().id()), false, after, n,
                "after");
    }

    /** @throws Refused 404 if the space does not exist or is private and the caller is not in it */
    public SpaceAccess get(String userId, String spaceId) {
        SpaceAccessRules.Actor actor = rules.actor(userId, spaceId);
        return new SpaceAccess(actor.space(), actor.role());
    }

    /**
     * Deletes a space with its memberships and invites; the connections in it are closed. Owner
     * or server admin only.
     */
    public void delete(String userId, String spaceId) {
        SpaceAccessRules.Actor actor = rules.actor(userId, spaceId);
        if (!actor.isOwner()) {
            throw Refused.forbidden("Only the owner can delete this space");
        }
        if (DEFAULT_SPACE_ID.equals(spaceId)) {
            throw Refused.conflict(ErrorCode.DEFAULT_SPACE, null,
                    "The default space can't be deleted; hand it over to someone else instead");
        }
        // The space goes first: once it is gone nobody can join it, whatever is left behind.
        List<Membership> members = memberships.ofSpace(spaceId);
        spaces.delete(spaceId);
        memberships.deleteAllOfSpace(spaceId);
        invites.deleteAllOfSpace(spaceId);
        // Whoever is in it now (everyone present in a space is a member of it) leaves at once.
        members.forEach(m -> exits.exit(m.userId(), spaceId, SpaceExits.Exit.REMOVED));
        log.info("User {} deleted space {}", userId, spaceId);
    }

    /** The members of a space in the order they joined; visible to whoever may see the space. */
    public List<Member> members(String userId, String spaceId) {
        Space space = rules.actor(userId, spaceId).space();
        List<Membership> list = memberships.ofSpace(spaceId);
        Map<String, String> names = new HashMap<>();
        users.findByIds(list.stream().map(Membership::userId).toList())
                .forEach(u -> names.put(u.id(), u.displayName()));
        List<Member> result = new ArrayList<>();
        for (Membership m : list) {
            String name = names.get(m.userId());
            if (name != null) {
                result.add(new Member(m.userId(), name, SpaceAccessRules.effectiveRole(space, m.userId(), m.role())));
            }
        }
        return result;
    }

    /**
     * Changes a member's role. Only the owner (or a server admin) may; setting {@code owner}
     * hands the space over and makes the previous owner an admin. The owner's own role cannot be
     * changed directly.
     */
    public Member setRole(String actorId, String spaceId, String userId, String role) {
        return roles.setRole(actorId, spaceId, userId, role);
    }

    /**
     * Removes a member. Anyone may leave; the owner (or a server admin) may remove anyone; an
     * admin may remove plain members. The owner cannot be removed: hand the space over first.
     * A connection of the removed user in the space is closed at once, on whichever node it is.
     */
    public void removeMember(String actorId, String spaceId, String userId) {
        roles.removeMember(actorId, spaceId, userId);
        exits.exit(userId, spaceId, SpaceExits.Exit.REMOVED);
    }

    /** Removes the user from every space; for account deletion (owners must hand over first). */
    public void forgetMember(String userId) {
        memberships.deleteAllOfUser(userId);
    }

    /** An invite to the space valid for {@link #INVITE_TTL} and {@link #INVITE_MAX_USES} uses. Owner or admin. */
    public Invite createInvite(String actorId, String spaceId) {
        return inviteRules.create(actorId, spaceId, INVITE_TTL, INVITE_MAX_USES);
    }

    public Invite createInvite(String actorId, String spaceId, Duration ttl, int maxUses) {
        return inviteRules.create(actorId, spaceId, ttl, maxUses);
    }

    /** The space's open invites, newest first. Owner or admin. */
    public List<Invite> invites(String actorId, String spaceId) {
        return inviteRules.list(actorId, spaceId);
    }

    /** Revokes an invite of the space. Owner or admin. */
    public void revokeInvite(String actorId, String spaceId, String code) {
        inviteRules.revoke(actorId, spaceId, code);
    }

    /**
     * Makes the user a member of the invite's space (using the invite once, unless they already
     * are a member).
     *
     * @throws Refused 404 if the code is unknown, expired or used up
     */
    public SpaceAccess acceptInvite(String userId, String code) {
        return inviteRules.accept(userId, code);
    }

    /** The invite if it can still be used, without using it: for invite-only registration. */
    public Optional<Invite> usableInvite(String code) {
        return inviteRules.usable(code);
    }

    /**
     * Whether the user may enter the space over the WebSocket: anyone may enter a public space,
     * only members a private one. Unknown spaces: false. Does not change anything; see {@link #join}.
     */
    public boolean canJoin(String userId, String spaceId) {
        Optional<Space> space = spaces.find(spaceId);
        return space.isPresent() && (space.get().isPublic() || memberships.find(spaceId, userId).isPresent());
    }

    /**
     * Checks {@link #canJoin} and, for a public space the user is not yet a member of, makes them
     * one. Called by the WebSocket join handler.
     *
     * @return the user's role in the space
     * @throws Refused 404 if the space does not exist or the user may not see it
     */
    public String join(String userId, String spaceId) {
        if (!canJoin(userId, spaceId)) {
            throw Refused.notFound("Space not found");
        }
        if (memberships.find(spaceId, userId).isEmpty()
                && users.findById(userId).filter(GuestNames::isGuest).isPresent()) {
            // A guest belongs to the one space of their link; a public space does not adopt them.
            throw Refused.notFound("Space not found");
        }
        memberships.addIfAbsent(spaceId, userId, MEMBER, clock.instant());
        return role(userId, spaceId).orElse(MEMBER);
    }

    /** The space a guest account belongs to: its membership with role {@code guest}, if any. */
    public Optional<String> guestSpaceOf(String userId) {
        return memberships.ofUser(userId).stream().filter(m -> Memberships.GUEST.equals(m.role()))
                .map(Membership::spaceId).findFirst();
    }

    /** Whether the user may manage the space now (owner, admin or server admin). */
    public boolean mayManage(String userId, String spaceId) {
        return spaces.find(spaceId).filter(s -> rules.mayManage(userId, s)).isPresent();
    }

    /** The user's role in the space, or empty if not a member (or no such space). */
    public Optional<String> role(String userId, String spaceId) {
        Optional<Space> space = spaces.find(spaceId);
        if (space.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(SpaceAccessRules.effectiveRole(space.get(), userId,
                memberships.find(spaceId, userId).map(Membership::role).orElse(null)));
    }

    /**
     * Whether the user may read a map: the built-in one, one they uploaded, or one that a space
     * they may see (public, a member of it, or server admin) uses now. Others are told 404, so a
     * private space's map is as hidden as the space.
     */
    public boolean maySeeMap(String userId, String mapId, String uploadedBy) {
        if (DEFAULT_MAP_ID.equals(mapId) || userId.equals(uploadedBy)) {
            return true;
        }
        List<Space> using = spaces.usingMap(mapId);
        if (using.stream().anyMatch(Space::isPublic)) {
            return true;
        }
        boolean serverAdmin = users.findById(userId).map(User::serverAdmin).orElse(false);
        return using.stream().anyMatch(s -> serverAdmin || memberships.find(s.id(), userId).isPresent());
    }

    /** The spaces the user owns, oldest first; an account that owns any cannot be deleted. */
    public List<Space> ownedBy(String userId) {
        return spaces.ownedBy(userId);
    }

    /**
     * Switches the space to another map version. Owner, admin or server admin. The map must have
     * been uploaded, or be the built-in default map.
     */
    public SpaceAccess setMap(String actorId, String spaceId, String mapId, int version) {
        SpaceAccessRules.Actor actor = rules.actor(actorId, spaceId);
        if (!actor.canManage()) {
            throw Refused.forbidden("Only the owner or an admin can change the map");
        }
        if (mapId == null || mapId.isBlank()) {
            throw Refused.badRequest("mapId", "Map id is required");
        }
        boolean builtIn = DEFAULT_MAP_ID.equals(mapId) && version == DEFAULT_MAP_VERSION;
        if (version < 1 || !(builtIn || maps.exists(mapId, version))) {
            throw Refused.badRequest("mapVersion", "No map " + mapId + " version " + version);
        }
        spaces.setMap(spaceId, mapId, version);
        log.info("User {} set the map of space {} to {} v{}", actorId, spaceId, mapId, version);
        Space space = actor.space();
        return new SpaceAccess(new Space(space.id(), space.name(), space.visibility(), space.ownerId(), mapId, version,
                space.createdAt()), actor.role());
    }
}
