package io.skyscope.server.cluster;

import io.micrometer.core.instrument.Counter;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceOwner;
import io.skyscope.server.world.SpaceOwners;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The spaces whose lease this node holds, and their leases: taking a free lease over and starting
 * the space's owner here, renewing the leases (and saving positions for the next owner) every
 * period, and giving a space up when its lease went to another node, when it stayed empty, or at
 * shutdown.
 *
 * <p>Thread-safety: takeovers are synchronized; lookups may come from any thread; renewals run on
 * the cluster's period thread; the bus thread calls {@link #reconnected}.
 */
final class OwnedSpaces implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedSpaces.class);

    private final SpaceOwners local;
    private final RedisEventBus bus;
    private final SpaceLeases leases;
    private final OwnerInbox inbox;
    private final KnownHolders holders;
    private final Clock clock;
    private final String nodeId;
    private final Map<String, OwnedSpace> owned = new ConcurrentHashMap<>();
    private final Counter takeovers;

    OwnedSpaces(SpaceOwners local, RedisEventBus bus, SpaceLeases leases, OwnerInbox inbox, KnownHolders holders,
                ServerMetrics metrics, Clock clock) {
        this.local = local;
        this.bus = bus;
        this.leases = leases;
        this.inbox = inbox;
        this.holders = holders;
        this.clock = clock;
        this.nodeId = bus.nodeId();
        this.takeovers = metrics.counter("skyscope.cluster.takeovers", "Spaces this node started owning");
        metrics.gauge("skyscope.cluster.spaces.owned", "Spaces whose lease this node holds", owned::size);
    }

    /** The space if this node owns it, else null. */
    OwnedSpace get(String spaceId) {
        return owned.get(spaceId);
    }

    boolean owns(String spaceId) {
        return owned.containsKey(spaceId);
    }

    /** Takes the free lease of a space (or keeps its own) and starts its owner here; false if another node was first. */
    synchronized boolean takeOver(String spaceId) {
        if (owned.containsKey(spaceId)) {
            return true;
        }
        if (!leases.renew(spaceId)) {
            return false;
        }
        try {
            Map<String, double[]> positions = leases.positions(spaceId);
            SpaceOwner owner = local.owner(spaceId, o -> o.submit(new SpaceCommand.Ask<>(state -> {
                state.rememberPositions(positions);
                return null;
            }, new CompletableFuture<>())));
            var subscription = bus.subscribe(EventBus.Topics.space(spaceId), payload -> received(spaceId, payload));
            var space = new OwnedSpace(spaceId, owner, subscription, clock.millis());
            owned.put(spaceId, space);
            holders.forget(spaceId);
            // Loading the space may have taken a while: renew now, the period renews it from here on.
            if (!leases.renew(spaceId)) {
                relinquish(space, "its lease expired while the space was loading");
                return false;
            }
            takeovers.increment();
            LOG.info("node {}: owning space {}", nodeId, spaceId);
            return true;
        } catch (RuntimeException e) {
            leases.release(spaceId);
            throw e;
        }
    }

    /** On the bus thread; nothing for a space this node no longer owns. */
    private void received(String spaceId, String payload) {
        OwnedSpace space = owned.get(spaceId);
        if (space != null) {
            inbox.received(space, payload);
        }
    }

    /**
     * Every period: renews each lease and saves where people stand; and, while the bus is up,
     * takes out the people of nodes that went silent for {@code silentMillis}.
     */
    void renew(long silentMillis) {
        long now = clock.millis();
        for (OwnedSpace space : owned.values()) {
            try {
                if (!leases.renew(space.spaceId)) {
                    relinquish(space, "another node holds its lease now");
                    continue;
                }
                space.owner.ask(state -> state.positions()).thenAccept(at -> {
                    try {
                        leases.savePositions(space.spaceId, at);
                    } catch (JedisException e) {
                        LOG.debug("space {}: positions not saved: {}", space.spaceId, e.getMessage());
                    }
                });
            } catch (JedisException e) {
                LOG.debug("space {}: lease not renewed: {}", space.spaceId, e.getMessage());
                continue;
            }
            if (bus.healthy()) {
                space.sweep(now, bus.connectedAtMillis(), silentMillis);
            }
        }
    }

    /** Redis is (back) there: leases again, and a fresh welcome for everyone in spaces owned here. */
    void reconnected() {
        for (OwnedSpace space : owned.values()) {
            try {
                if (!leases.renew(space.spaceId)) {
                    relinquish(space, "another node took its lease while Redis was away");
                    continue;
                }
            } catch (JedisException e) {
                continue;
            }
            space.owner.submit(new SpaceCommand.WelcomeAgain());
        }
    }

    private void relinquish(OwnedSpace space, String why) {
        if (owned.remove(space.spaceId, space)) {
            LOG.warn("node {}: no longer owning space {}: {}", nodeId, space.spaceId, why);
            local.stop(space.spaceId);
            space.close();
        }
    }

    /** The local owner stopped for staying empty: the lease goes too. */
    void idleStopped(String spaceId) {
        OwnedSpace space = owned.remove(spaceId);
        if (space != null) {
            space.close();
            try {
                leases.release(spaceId);
            } catch (JedisException e) {
                LOG.debug("space {}: lease not released (it expires): {}", spaceId, e.getMessage());
            }
        }
    }

    /** Releases every lease and stops the owners. */
    @Override
    public void close() {
        for (OwnedSpace space : owned.values()) {
            try {
                leases.release(space.spaceId);
            } catch (JedisException e) {
                LOG.debug("space {}: lease not released at shutdown: {}", space.spaceId, e.getMessage());
            }
            space.close();
        }
        owned.clear();
    }
}
