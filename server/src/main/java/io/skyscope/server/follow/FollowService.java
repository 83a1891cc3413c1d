package io.skyscope.server.follow;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.protocol.rest.ProfileCard;
import io.skyscope.server.Refused;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.profile.ProfileService;
import io.skyscope.server.store.Follows;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import io.skyscope.server.store.Whereabouts;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Following people: follow and unfollow, the follow figures on a profile card, the setting that
 * turns being followed off, and the Following list with where each person is.
 *
 * <p>Who may follow whom follows the card's rule ({@link ProfileService#card}): only someone whose
 * card you may see (you share a space), else {@code 404} as for an unknown account. No consent is
 * asked, but a person who turned being followed off is refused with {@code 403 not_followable}, and
 * turning it off removes everyone who follows them then. Follows are capped at {@value #MAX_FOLLOWING}
 * per account and {@value #FOLLOWS_PER_HOUR} new follows per hour.
 *
 * <p>The Following list shows the people followed whose card the viewer may still see (who still
 * share a space with them; the follow itself stays, and counts), at most
 * {@value #LISTS_PER_HOUR} times an hour. It names a person's space only if the viewer may see it
 * ({@link SpaceSight}),
 * and asks that space's owner (on whichever node) where they stand, for at most
 * {@value #LOOKUP_MILLIS} ms; an owner that does not answer in time leaves the position out.
 *
 * <p>Thread-safe: called from HTTP request threads.
 */
public final class FollowService {
    static final int MAX_FOLLOWING = 1000;
    static final int FOLLOWS_PER_HOUR = 120;
    /** One every 3 s on average: the list asks space owners, possibly on other nodes. */
    static final int LISTS_PER_HOUR = 1200;
    private static final long LOOKUP_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(FollowService.class);

    private final Follows follows;
    private final Whereabouts whereabouts;
    private final ProfileService profiles;
    private final Users users;
    private final Spaces spaces;
    private final SpaceSight sight;
    private final SpaceDirectory owners;
    private final Clock clock;
    private final RateLimit rate = new RateLimit("follows", FOLLOWS_PER_HOUR);
    private final RateLimit lists = new RateLimit("Following list requests", LISTS_PER_HOUR);

    public FollowService(Follows follows, Whereabouts whereabouts, ProfileService profiles, Users users, Spaces spaces,
                         Memberships memberships, SpaceDirectory owners, Clock clock) {
        this.follows = follows;
        this.whereabouts = whereabouts;
        this.profiles = profiles;
        this.users = users;
        this.spaces = spaces;
        this.sight = new SpaceSight(memberships, users);
        this.owners = owners;
        this.clock = clock;
    }

    /**
     * The viewer follows {@code userId} (again: nothing changes).
     *
     * @throws Refused 400 to follow yourself; 404 unless you may see their card; 403
     *     {@code not_followable}; 409 {@code quota_exceeded} past {@value #MAX_FOLLOWING}; 429
     */
    public void follow(String viewerId, String userId) {
        if (viewerId.equals(userId)) {
            throw Refused.badRequest("userId", "You cannot follow yourself");
        }
        profiles.card(viewerId, userId);
        if (!follows.followable(userId)) {
            throw new Refused(ErrorCode.NOT_FOLLOWABLE, "This person has turned off being followed");
        }
        if (follows.isFollowing(viewerId, userId)) {
            return;
        }
        if (follows.countFollowing(viewerId) >= MAX_FOLLOWING) {
            throw Refused.quotaExceeded("userId", "You follow " + MAX_FOLLOWING + " people, the most one may");
        }
        rate.acquire(viewerId);
        if (follows.add(viewerId, userId, clock.instant())) {
            LOG.info("user {} follows {}", viewerId, userId);
        }
    }

    /** The viewer no longer follows {@code userId}; nothing to do if they did not. */
    public void unfollow(String viewerId, String userId) {
        if (follows.remove(viewerId, userId)) {
            LOG.info("user {} unfollowed {}", viewerId, userId);
        }
    }

    public boolean followable(String userId) {
        return follows.followable(userId);
    }

    /** Turns being followed on or off; off removes everyone who follows the user now. */
    public void setFollowable(String userId, boolean followable) {
        follows.setFollowable(userId, followable);
        if (!followable) {
            long removed = follows.removeFollowers(userId);
            LOG.info("user {} turned off being followed ({} follower(s) removed)", userId, removed);
        }
    }

    /** Someone's card with the follow figures, as the viewer sees it. */
    public ProfileCard card(String viewerId, String userId) {
        User u = profiles.card(viewerId, userId);
        var c = u.card();
        return new ProfileCard(u.id(), u.username(), u.displayName(), u.avatar(), u.status(), u.statusText(), c.bio(),
                c.pronouns(), c.jobTitle(), c.timeZone(), c.photo(), (int) follows.countFollowers(userId),
                (int) follows.countFollowing(userId), follows.isFollowing(viewerId, userId),
                follows.followable(userId));
    }

    /** The people the viewer follows and where each is, as far as the viewer may know. */
    public FollowingList following(String viewerId) {
        lists.acquire(viewerId);
        List<String> followed = follows.following(viewerId, MAX_FOLLOWING);
        var sharing = sight.sharingASpace(viewerId, followed);
        List<String> ids = followed.stream().filter(sharing::contains).toList();
        Map<String, User> byId = users.findByIds(ids).stream().collect(Collectors.toMap(User::id, Function.identity()));
        var where = whereabouts.find(ids, clock.instant(), FollowAlerts.FRESH);
        Map<String, Optional<Space>> visible = new HashMap<>();
        Map<String, CompletableFuture<List<String>>> positions = new HashMap<>();
        for (var w : where.values()) {
            if (w.spaceId() == null) {
                continue;
            }
            var space = visible.computeIfAbsent(w.spaceId(),
                    id -> spaces.find(id).filter(s -> sight.maySee(viewerId, s)));
            if (space.isPresent()) {
                positions.put(w.userId(), owners.people(w.spaceId(), PeopleQuery.where(w.userId())));
            }
        }
        List<FollowingList.Followed> people = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_MILLIS);
        for (String id : ids) {
            User u = byId.get(id);
            if (u == null) {
                continue;
            }
            var w = where.get(id);
            Space space = w == null || w.spaceId() == null ? null : visible.get(w.spaceId()).orElse(null);
            List<String> at = space == null ? List.of() : answer(positions.get(id), deadline);
            people.add(new FollowingList.Followed(id, u.displayName(), u.avatar(), u.card().photo(), w != null,
                    space == null ? null : space.id(), space == null ? null : space.name(),
                    at.size() == 3 && !at.get(2).isEmpty() ? at.get(2) : null,
                    at.size() == 3 ? Double.valueOf(at.get(0)) : null, at.size() == 3 ? Double.valueOf(at.get(1)) : null));
        }
        return new FollowingList(people);
    }

    /** The owner's answer, or nothing if it did not come by the deadline ({@link System#nanoTime}). */
    private static List<String> answer(CompletableFuture<List<String>> question, long deadline) {
        if (question == null) {
            return List.of();
        }
        try {
            return question.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            LOG.debug("a position lookup failed: {}", e.toString());
            return List.of();
        }
    }
}
