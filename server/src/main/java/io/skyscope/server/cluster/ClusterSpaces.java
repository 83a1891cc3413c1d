package io.skyscope.server.cluster;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.Refused;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;
import io.skyscope.server.world.SpaceLoader;
import io.skyscope.server.world.SpaceOwner;
import io.skyscope.server.world.SpaceOwners;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The spaces of a node among several that share one Redis: each space has one owner node at a
 * time, the holder of its lease in Redis ({@link SpaceLeases}). The first node that needs a space
 * nobody owns takes the lease and runs the space's {@link SpaceOwner}; every other node forwards
 * its sessions' commands to the owner over the space's bus topic, and the owner's messages reach
 * the sessions over their user topics. So there is one proximity engine and one decision per pair.
 *
 * <p>Every second ({@link #PERIOD_MS}) each node sends the owner of each space it serves a roster
 * of its people there, and the owner renews its leases and saves positions. Rosters let an owner
 * that just took over (the previous one died and its lease expired) join everyone again where
 * they stood, and let any owner take out the people of a node that went silent or no longer lists
 * them. When Redis comes back after an outage, owners take their leases again and send everyone a
 * fresh welcome, because what was published meanwhile is lost.
 *
 * <p>This class decides where each command goes; the parts live beside it: {@link OwnedSpaces}
 * (the leases held here, takeover and hand-over), {@link OwnerInbox} (what reaches an owned space
 * from other nodes), {@link CommandForwarder}, {@link RemoteQueries}, {@link ServedPeople} (for
 * the rosters) and {@link KnownHolders}.
 *
 * <p>Thread-safety: the {@link SpaceDirectory} methods are called from session and HTTP threads;
 * bus messages arrive on the bus thread (never blocked here); the period runs on its own thread.
 */
public final class ClusterSpaces implements SpaceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSpaces.class);
    static final long PERIOD_MS = 1_000;
    static final long LEASE_MS = 5_000;
    /** A node whose rosters stopped this long ago is gone, and so are its people. */
    static final long SILENT_MS = 4_000;

    private final SpaceOwners local;
    private final RedisEventBus bus;
    private final SpaceLeases leases;
    private final Clock clock;
    private final String nodeId;
    private final ServedPeople served = new ServedPeople();
    private final KnownHolders holders = new KnownHolders();
    private final OwnedSpaces owned;
    private final CommandForwarder forwarder;
    private final RemoteQueries queries;
    private final ScheduledExecutorService period = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-period").daemon().factory());

    public ClusterSpaces(SpaceOwners local, SpaceLoader loader, RedisEventBus bus, RedisClient redis,
                         ServerMetrics metrics, Clock clock) {
        this.local = local;
        this.bus = bus;
        this.clock = clock;
        this.nodeId = bus.nodeId();
        this.leases = new SpaceLeases(redis, nodeId, LEASE_MS);
        this.forwarder = new CommandForwarder(bus, metrics);
        this.owned = new OwnedSpaces(local, bus, leases, new OwnerInbox(bus, loader, clock), holders, metrics, clock);
        this.queries = new RemoteQueries(bus);
    }

    public ClusterSpaces start() {
        queries.start();
        local.onIdleStop(owned::idleStopped);
        bus.onConnected(this::reconnected);
        period.scheduleWithFixedDelay(this::periodic, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean submit(String spaceId, SpaceCommand command) {
        served.track(spaceId, command);
        OwnedSpace mine;
        String holder;
        try {
            mine = owned.get(spaceId);
            holder = mine != null ? nodeId : holder(spaceId, true);
            if (holder == null) {
                if (CommandForwarder.quiet(command)) {
                    return true; // the roster brings it to whoever owns the space next
                }
                throw Refused.unavailable("space " + spaceId + " is changing hands; try again in a few seconds");
            }
            if (mine == null && nodeId.equals(holder)) {
                mine = owned.get(spaceId);
            }
        } catch (JedisException e) {
            if (CommandForwarder.quiet(command)) {
                return true; // the roster brings it back once Redis is there again
            }
            throw Refused.unavailable("the owner of space " + spaceId + " cannot be reached right now; try again");
        }
        if (mine != null) {
            if (command instanceof SpaceCommand.Join j) {
                mine.joined(nodeId, j.request());
            }
            return mine.owner.submit(command);
        }
        forwarder.forward(spaceId, command);
        return true;
    }

    @Override
    public void submitIfRunning(String spaceId, SpaceCommand command) {
        served.track(spaceId, command);
        OwnedSpace mine = owned.get(spaceId);
        if (mine != null) {
            mine.owner.submit(command);
            return;
        }
        try {
            if (holder(spaceId, false) != null) {
                forwarder.forward(spaceId, command);
            }
        } catch (JedisException e) {
            LOG.debug("space {}: {} not forwarded, Redis unreachable", spaceId, command.getClass().getSimpleName());
        }
    }

    @Override
    public CompletableFuture<List<String>> people(String spaceId, PeopleQuery query) {
        OwnedSpace mine = owned.get(spaceId);
        if (mine != null) {
            return mine.owner.ask(query::apply);
        }
        try {
            if (holder(spaceId, false) == null) {
                return CompletableFuture.completedFuture(query.nobody());
            }
        } catch (JedisException e) {
            return CompletableFuture.failedFuture(e);
        }
        return queries.ask(spaceId, query);
    }

    /**
     * The node holding the space's lease; with {@code take}, this node takes a free lease and
     * starts the space's owner, except in the first seconds after Redis came back. Cached for a
     * second. Null if nobody holds it.
     */
    private String holder(String spaceId, boolean take) {
        String cached = holders.get(spaceId);
        if (cached != null) {
            return cached;
        }
        String holder = leases.holder(spaceId);
        // Free, or still ours from a space this node stopped running (a release lost with Redis).
        boolean free = holder == null || holder.equals(nodeId) && !owned.owns(spaceId);
        if (free && take && mayTakeOver()) {
            holder = owned.takeOver(spaceId) ? nodeId : leases.holder(spaceId);
        }
        if (holder != null && !holder.equals(nodeId)) {
            holders.remember(spaceId, holder);
        }
        return holder;
    }

    /**
     * Not while Redis is away, nor in the first seconds after it came back (it may have come back
     * empty): the owners from before take their leases again first.
     */
    private boolean mayTakeOver() {
        return bus.healthy() && (bus.connects() <= 1 || clock.millis() - bus.connectedAtMillis() >= LEASE_MS);
    }

    /** Every second: renew leases and save positions; send rosters; take spaces nobody owns. */
    private void periodic() {
        owned.renew(SILENT_MS);
        sendRosters();
    }

    private void sendRosters() {
        for (String spaceId : served.spaceIds()) {
            try {
                holders.forget(spaceId);
                if (holder(spaceId, true) == null) {
                    continue;
                }
            } catch (JedisException e) {
                continue;
            } catch (RuntimeException e) {
                LOG.warn("space {}: cannot take it over", spaceId, e);
                continue;
            }
            var roster = new ClusterMessage.Roster(nodeId, served.roster(spaceId));
            bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(roster));
        }
    }

    /** Redis is (back) there: leases again, a fresh welcome in spaces owned here, and rosters. */
    private void reconnected() {
        holders.clear();
        owned.reconnected();
        sendRosters();
    }

    @Override
    public void close() {
        period.shutdownNow();
        queries.close();
        owned.close();
        local.close();
    }
}
