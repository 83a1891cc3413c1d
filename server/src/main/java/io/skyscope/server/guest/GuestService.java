package io.skyscope.server.guest;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.auth.AuthService;
import io.skyscope.server.auth.AuthTokens;
import io.skyscope.server.auth.GuestNames;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.store.GuestLinks;
import io.skyscope.server.store.GuestLinks.GuestLink;
import io.skyscope.server.store.Guests;
import io.skyscope.server.store.Guests.Guest;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.RefreshTokens;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guest links and guests. An owner or admin makes a link for a space (a lifetime of {@link
 * #MIN_LIFETIME} to {@link #MAX_LIFETIME}, {@value #MAX_GUESTS} guests at most, {@value
 * #MAX_OPEN_LINKS} open links per space); whoever holds it joins with a display name only and
 * gets an account that exists for that space and until the link expires: tokens carry the space
 * and never outlive the link ({@link AuthService#startGuestSession}), and {@link GuestPolicy}
 * refuses everything else. Revoking the link, or its expiry ({@link #sweep}), deletes its guests'
 * accounts, which closes their connections on every node ({@link AccessCheck#accountDeleted}).
 * Joins are limited per link and per client address.
 *
 * <p>Thread-safe (stateless over thread-safe stores and limits); called on HTTP request threads
 * and on the housekeeping thread ({@link #sweep}).
 */
public final class GuestService {
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(10);
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);
    public static final int MAX_GUESTS = 50;
    public static final int DEFAULT_GUESTS = 10;
    public static final int MAX_OPEN_LINKS = 20;
    static final int JOINS_PER_LINK_PER_HOUR = 60;
    static final int JOINS_PER_ADDRESS_PER_HOUR = 20;
    private static final Logger LOG = LoggerFactory.getLogger(GuestService.class);

    private final SpaceService spaces;
    private final Users users;
    private final Memberships memberships;
    private final GuestLinks links;
    private final Guests guests;
    private final RefreshTokens refreshTokens;
    private final AuthService auth;
    private final AccessCheck access;
    private final MongoStore store;
    private final Clock clock;
    private final RateLimit joinsPerLink = new RateLimit("guest joins by this link", JOINS_PER_LINK_PER_HOUR);
    private final RateLimit joinsPerAddress = new RateLimit("guest joins from this address",
            JOINS_PER_ADDRESS_PER_HOUR);

    public GuestService(SpaceService spaces, Users users, Memberships memberships, GuestLinks links, Guests guests,
                        RefreshTokens refreshTokens, AuthService auth, AccessCheck access, MongoStore store,
                        Clock clock) {
        this.spaces = spaces;
        this.users = users;
        this.memberships = memberships;
        this.links = links;
        this.guests = guests;
        this.refreshTokens = refreshTokens;
        this.auth = auth;
        this.access = access;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A new guest link. Owner or admin.
     *
     * @param lifetimeSeconds null = {@link #DEFAULT_LIFETIME}
     * @param maxGuests       null = {@value #DEFAULT_GUESTS}
     * @throws Refused 404 if the space is hidden from the actor; 403 unless owner or admin; 400 for
     *     a lifetime or count out of range; 409 {@code too_many_guest_links}
     */
    public GuestLink create(String actorId, String spaceId, Long lifetimeSeconds, Integer maxGuests) {
        requireManager(actorId, spaceId);
        Duration lifetime = lifetimeSeconds == null ? DEFAULT_LIFETIME : Duration.ofSeconds(lifetimeSeconds);
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw Refused.badRequest("lifetimeSeconds", "A guest link lasts " + MIN_LIFETIME.toSeconds() + " to "
                    + MAX_LIFETIME.toSeconds() + " seconds (7 days)");
        }
        int seats = maxGuests == null ? DEFAULT_GUESTS : maxGuests;
        if (seats < 1 || seats > MAX_GUESTS) {
            throw Refused.badRequest("maxGuests", "A guest link admits 1 to " + MAX_GUESTS + " guests");
        }
        Instant now = clock.instant();
        if (links.ofSpace(spaceId, now).size() >= MAX_OPEN_LINKS) {
            throw Refused.conflict(ErrorCode.TOO_MANY_GUEST_LINKS, null, "This space has " + MAX_OPEN_LINKS
                    + " open guest links; revoke some first");
        }
        GuestLink link = links.create(spaceId, actorId, now, now.plus(lifetime), seats);
        store.flush();
        LOG.info("User {} made a guest link to space {} ({} guests, until {})", actorId, spaceId, seats,
                link.expiresAt());
        return link;
    }

    /** The space's open guest links, newest first. Owner or admin. */
    public List<GuestLink> list(String actorId, String spaceId) {
        requireManager(actorId, spaceId);
        List<GuestLink> open = new ArrayList<>(links.ofSpace(spaceId, clock.instant()));
        open.sort(Comparator.comparing(GuestLink::createdAt).reversed());
        return open;
    }

    /**
     * Deletes a guest link and ends the access of every guest who came by it. Owner or admin.
     *
     * @throws Refused 404 if the space has no such link
     */
    public void revoke(String actorId, String spaceId, String code) {
        requireManager(actorId, spaceId);
        if (!links.delete(spaceId, code)) {
            throw Refused.notFound("No such guest link in this space");
        }
        int ended = endAll(guests.ofLink(code));
        LOG.info("User {} revoked a guest link to space {}; {} guests ended", actorId, spaceId, ended);
    }

    /**
     * The link if guests may still join by it: unexpired, its space still there and its maker still
     * allowed to manage it. A full link is still "usable" here: the join says it is full.
     */
    public Optional<GuestLink> usable(String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return links.find(code).filter(l -> l.openAt(now)).filter(l -> spaces.mayManage(l.createdBy(), l.spaceId()));
    }

    /** A guest who just joined: their tokens and the one space they may enter. */
    public record Joined(AuthTokens tokens, String spaceId) {
    }

    /**
     * A guest joins by a link, with a display name only.
     *
     * @param ip the client's address, for the per-address limit
     * @throws Refused 400 naming {@code displayName}; 404 for an unknown, expired or revoked link;
     *     409 {@code guest_link_full}; 429 past the per-link or per-address limit
     */
    public Joined join(String code, String typedName, String ip) {
        joinsPerAddress.acquire(ip == null ? "?" : ip);
        String name = GuestNames.displayName(typedName);
        GuestLink link = usable(code).orElseThrow(GuestService::unknownLink);
        joinsPerLink.acquire(link.code());
        Instant now = clock.instant();
        if (links.takeSeat(link.code(), link.maxGuests(), now).isEmpty()) {
            throw Refused.conflict(ErrorCode.GUEST_LINK_FULL, null, "This guest link has admitted all the "
                    + link.maxGuests() + " guests it may");
        }
        User user;
        try {
            String username = GuestNames.USERNAME_PREFIX
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            user = users.create(username, name, null, false, now);
            memberships.put(link.spaceId(), user.id(), Memberships.GUEST, now);
            guests.add(new Guest(user.id(), link.code(), link.spaceId(), link.expiresAt()));
            store.flush();
        } catch (RuntimeException e) {
            links.releaseSeat(link.code());
            throw e;
        }
        LOG.info("Guest {} joined space {} by a guest link from {}", user.id(), link.spaceId(), ip);
        return new Joined(auth.startGuestSession(user, link.spaceId(), link.expiresAt()), link.spaceId());
    }

    /** Deletes expired links and ends the guests whose access has run out; housekeeping. @return guests ended */
    public int sweep() {
        Instant now = clock.instant();
        for (GuestLink link : links.expired(now)) {
            links.delete(link.spaceId(), link.code());
        }
        return endAll(guests.expired(now));
    }

    /** Whether guests may open direct conversations with the member. */
    public boolean acceptsMessages(String userId) {
        return guests.acceptsMessages(userId);
    }

    /** @throws Refused 401 if the account is gone */
    public void setAcceptsMessages(String userId, boolean allow) {
        if (!guests.setAcceptsMessages(userId, allow)) {
            throw Refused.unauthorized("This account no longer exists");
        }
        store.flush();
    }

    private int endAll(List<Guest> ending) {
        for (Guest g : ending) {
            // Sign-ins first, so that nothing can act for the guest while the rest goes.
            refreshTokens.deleteAllOf(g.userId());
            memberships.remove(g.spaceId(), g.userId());
            guests.delete(g.userId());
            users.delete(g.userId());
        }
        store.flush();
        for (Guest g : ending) {
            access.accountDeleted(g.userId());
        }
        return ending.size();
    }

    private void requireManager(String actorId, String spaceId) {
        spaces.get(actorId, spaceId);
        if (!spaces.mayManage(actorId, spaceId)) {
            throw Refused.forbidden("Only the owner or an admin can make guest links");
        }
    }

    private static Refused unknownLink() {
        return Refused.notFound("This guest link is unknown, expired or revoked");
    }
}
