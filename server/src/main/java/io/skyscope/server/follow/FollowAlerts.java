package io.skyscope.server.follow;

import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.rest.NotificationView;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.chat.store.Notifications;
import io.skyscope.server.store.Follows;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Whereabouts;
import io.skyscope.server.ws.PresenceWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Whereabouts} up to date from this node's connections and tells followers when
 * someone they follow comes online ({@value #ONLINE}) or enters a space ({@value #ENTERED}). Each
 * alert is stored as a notification (for reading later) and sent to the follower's user topic,
 * wherever they are connected.
 *
 * <p>Debounced per person across every node ({@link Follows#claimAlert}): at most one "came
 * online" per person per {@link #every}, and one "entered" per person and space, so a flapping
 * connection does not flood anyone. An entry is told only to followers who may see the space
 * ({@link SpaceSight}); the others learn nothing of it, not even that it happened. A follower who
 * no longer shares a space with the person (whose card they may no longer see) is told nothing.
 *
 * <p>Threads: the {@link PresenceWatch} methods are called on session and Jetty threads and only
 * queue work; the work runs in order on the {@code follow-alerts} thread (a bounded queue: past
 * {@value #QUEUE} waiting changes, new ones are dropped and logged, and stale whereabouts expire
 * by themselves). The {@code follow-vouch} thread re-confirms this node's connections every
 * {@link #VOUCH_EVERY}; someone whose node stopped doing so for {@link #FRESH} counts as offline.
 */
public final class FollowAlerts implements PresenceWatch, AutoCloseable {
    public static final String ONLINE = "follow.online";
    public static final String ENTERED = "follow.entered";
    /** The debounce: one alert of a kind about a person (and a space) per this long. */
    public static final Duration EVERY = Duration.ofMinutes(10);
    static final Duration VOUCH_EVERY = Duration.ofSeconds(30);
    /** How long a vouch holds: three missed ones mean the node is gone. */
    static final Duration FRESH = VOUCH_EVERY.multipliedBy(3);
    private static final int QUEUE = 10_000;
    /** At most this many followers are told of one change. */
    private static final int MAX_TOLD = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FollowAlerts.class);

    private final Follows follows;
    private final Whereabouts whereabouts;
    private final Notifications notifications;
    private final Users users;
    private final Spaces spaces;
    private final SpaceSight sight;
    private final EventBus bus;
    private final Clock clock;
    private final Duration every;
    /** This node's open connections: sessionId → userId. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor work = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), Thread.ofPlatform().name("follow-alerts").daemon().factory());
    private final ScheduledExecutorService vouch = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("follow-vouch").daemon().factory());

    /** @param every the debounce: one alert of a kind per person (and space) per this long */
    public FollowAlerts(Follows follows, Whereabouts whereabouts, Notifications notifications, Users users,
                        Spaces spaces, Memberships memberships, EventBus bus, Clock clock,
                        Duration every) {
        this.follows = follows;
        this.whereabouts = whereabouts;
        this.notifications = notifications;
        this.users = users;
        this.spaces = spaces;
        this.sight = new SpaceSight(memberships, users);
        this.bus = bus;
        this.clock = clock;
        this.every = every;
    }

    public FollowAlerts start() {
        long period = VOUCH_EVERY.toMillis();
        vouch.scheduleWithFixedDelay(() -> {
            try {
                whereabouts.vouch(sessions.keySet(), clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("could not vouch for this node's connections", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void connected(String userId, String sessionId) {
        sessions.put(sessionId, userId);
        later(userId, () -> {
            boolean wasOnline = whereabouts.connected(userId, sessionId, clock.instant(), FRESH);
            if (!wasOnline) {
                tell(userId, "online:" + userId, ONLINE, null, "came online");
            }
        });
    }

    @Override
    public void entered(String userId, String sessionId, String spaceId) {
        later(userId, () -> {
            whereabouts.entered(userId, sessionId, spaceId, clock.instant());
            Optional<Space> space = spaces.find(spaceId);
            if (space.isPresent()) {
                tell(userId, "entered:" + userId + ":" + spaceId, ENTERED, space.get(), "entered " + space.get().name());
            }
        });
    }

    @Override
    public void left(String userId, String sessionId) {
        later(userId, () -> whereabouts.left(userId, sessionId));
    }

    @Override
    public void disconnected(String userId, String sessionId) {
        sessions.remove(sessionId);
        later(userId, () -> whereabouts.disconnected(userId, sessionId));
    }

    /** A deleted account's follows, both ways, and its setting go (on every node alike: idempotent). */
    public void accountDeleted(String userId) {
        later(userId, () -> follows.forget(userId));
    }

    /** The space the user is in on whichever node serves them, or null (offline, between spaces). */
    public String spaceOf(String userId) {
        var where = whereabouts.find(List.of(userId), clock.instant(), FRESH).get(userId);
        return where == null ? null : where.spaceId();
    }

    /**
     * Stores and sends the alert to each follower (of an entry: each who may see the space), unless
     * the alert {@code key} went out less than {@link #every} ago. Nothing is claimed while nobody
     * follows the person, so a first follower hears of the next change.
     */
    private void tell(String userId, String key, String kind, Space space, String text) {
        var followers = follows.followers(userId, MAX_TOLD);
        if (followers.isEmpty()) {
            return;
        }
        var colleagues = sight.sharingASpace(userId, followers);
        if (colleagues.isEmpty() || !follows.claimAlert(key, clock.instant(), every)) {
            return;
        }
        String name = users.findById(userId).map(Users.User::displayName).orElse(null);
        if (name == null) {
            return;
        }
        int told = 0;
        for (String follower : followers) {
            if (!colleagues.contains(follower) || space != null && !sight.maySee(follower, space)) {
                continue;
            }
            NotificationView v = notifications.create(follower, kind, space == null ? null : space.id(), null, null,
                    userId, name, text, clock.instant());
            bus.publish(EventBus.Topics.user(follower), ProtocolCodec.encode(new ChatEvent.Notification(v.id(),
                    v.kind(), v.spaceId(), v.channel(), v.messageId(), v.fromUserId(), v.fromName(), v.preview(),
                    v.createdAt(), v.read())));
            told++;
        }
        LOG.debug("user {}: {} told to {} follower(s)", userId, kind, told);
    }

    private void later(String userId, Runnable task) {
        try {
            work.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("user {}: follow bookkeeping failed", userId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("user {}: follow bookkeeping dropped (queue full or stopping)", userId);
        }
    }

    @Override
    public void close() {
        vouch.shutdownNow();
        work.shutdown();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
