package io.skyscope.server.cluster;

import io.micrometer.core.instrument.Counter;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.Refused;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceCommand;
import io.skyscope.server.world.SpaceDirectory;
import io.skyscope.server.world.SpaceLoader;
import io.skyscope.server.world.SpaceOwner;
import io.skyscope.server.world.SpaceOwners;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Thread-safety: the {@link SpaceDirectory} methods are called from session and HTTP threads;
 * bus messages arrive on the bus thread (never blocked here); the period runs on its own thread.
 */
public final class ClusterSpaces implements SpaceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSpaces.class);
    static final long PERIOD_MS = 1_000;
    static final long LEASE_MS = 5_000;
    /** A node whose rosters stopped this long ago is gone, and so are its people. */
    static final long SILENT_MS = 4_000;
    private static final long HOLDER_CACHE_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    private static final long QUERY_TIMEOUT_MS = 4_000;

    private record Holder(String node, long until) {
    }

    private final SpaceOwners local;
    private final SpaceLoader loader;
    private final RedisEventBus bus;
    private final SpaceLeases leases;
    private final String nodeId;
    /** Spaces this node serves people in: spaceId → userId → how they joined. */
    private final Map<String, Map<String, JoinRequest>> members = new ConcurrentHashMap<>();
    private final Map<String, OwnedSpace> owned = new ConcurrentHashMap<>();
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    private final NodeClocks clocks = new NodeClocks(System::nanoTime);
    private final Map<String, CompletableFuture<List<String>>> queries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService period = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-period").daemon().factory());
    private final Counter forwarded;
    private final Counter takeovers;
    private EventBus.Subscription answers;

    public ClusterSpaces(SpaceOwners local, SpaceLoader loader, RedisEventBus bus, RedisClient redis,
                         ServerMetrics metrics) {
        this.local = local;
        this.loader = loader;
        this.bus = bus;
        this.nodeId = bus.nodeId();
        this.leases = new SpaceLeases(redis, nodeId, LEASE_MS);
        this.forwarded = metrics.counter("skyscope.cluster.forwarded", "Commands forwarded to a space owned by another node");
        this.takeovers = metrics.counter("skyscope.cluster.takeovers", "Spaces this node started owning");
        metrics.gauge("skyscope.cluster.spaces.owned", "Spaces whose lease this node holds", owned::size);
    }

    public ClusterSpaces start() {
        answers = bus.subscribe(EventBus.Topics.node(nodeId), this::answer);
        local.onIdleStop(this::idleStopped);
        bus.onConnected(this::reconnected);
        period.scheduleWithFixedDelay(this::periodic, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean submit(String spaceId, SpaceCommand command) {
        track(spaceId, command);
        OwnedSpace mine;
        String holder;
        try {
            mine = owned.get(spaceId);
            holder = mine != null ? nodeId : holder(spaceId, true);
            if (holder == null) {
                if (quiet(command)) {
                    return true; // the roster brings it to whoever owns the space next
                }
                throw Refused.unavailable("space " + spaceId + " is changing hands; try again in a few seconds");
            }
            if (mine == null && nodeId.equals(holder)) {
                mine = owned.get(spaceId);
            }
        } catch (JedisException e) {
            if (quiet(command)) {
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
        forward(spaceId, command);
        return true;
    }

    @Override
    public void submitIfRunning(String spaceId, SpaceCommand command) {
        track(spaceId, command);
        OwnedSpace mine = owned.get(spaceId);
        if (mine != null) {
            mine.owner.submit(command);
            return;
        }
        try {
            if (holder(spaceId, false) != null) {
                forward(spaceId, command);
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
        String id = UUID.randomUUID().toString();
        var answer = new CompletableFuture<List<String>>().orTimeout(QUERY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        queries.put(id, answer);
        answer.whenComplete((people, failure) -> queries.remove(id));
        bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(new ClusterMessage.Query(nodeId, id, query)));
        return answer;
    }

    /** Remembers who this node serves in which space, for its rosters. */
    private void track(String spaceId, SpaceCommand command) {
        switch (command) {
            case SpaceCommand.Join j -> members.computeIfAbsent(spaceId, id -> new ConcurrentHashMap<>())
                    .put(j.request().userId(), j.request());
            case SpaceCommand.Leave l -> members.computeIfPresent(spaceId, (id, people) -> {
                people.computeIfPresent(l.userId(), (user, join) ->
                        l.sessionId() == null || l.sessionId().equals(join.sessionId()) ? null : join);
                return people.isEmpty() ? null : people;
            });
            default -> {
            }
        }
    }

    /** Commands whose loss the next roster repairs, so they need not fail while Redis is away. */
    private static boolean quiet(SpaceCommand command) {
        return command instanceof SpaceCommand.Move || command instanceof SpaceCommand.Join
                || command instanceof SpaceCommand.Leave || command instanceof SpaceCommand.Profile;
    }

    private void forward(String spaceId, SpaceCommand command) {
        ClusterMessage message = ClusterMessage.travels(command) ? new ClusterMessage.Command(nodeId, command)
                : switch (command) {
                    case SpaceCommand.ReplaceMap _, SpaceCommand.VoiceSettingsChanged _ -> new ClusterMessage.Reload();
                    default -> throw new IllegalArgumentException(command.getClass().getSimpleName()
                            + " runs only where the space's owner is");
                };
        if (!bus.healthy() && !quiet(command)) {
            throw Refused.unavailable("the owner of space " + spaceId + " cannot be reached right now; try again");
        }
        bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(message));
        forwarded.increment();
    }

    /**
     * The node holding the space's lease; with {@code take}, this node takes a free lease and
     * starts the space's owner, except in the first seconds after Redis came back. Cached for a
     * second. Null if nobody holds it.
     */
    private String holder(String spaceId, boolean take) {
        Holder cached = holders.get(spaceId);
        if (cached != null && cached.until() - System.nanoTime() > 0) {
            return cached.node();
        }
        String holder = leases.holder(spaceId);
        // Free, or still ours from a space this node stopped running (a release lost with Redis).
        boolean free = holder == null || holder.equals(nodeId) && !owned.containsKey(spaceId);
        if (free && take && mayTakeOver()) {
            holder = takeOver(spaceId) ? nodeId : leases.holder(spaceId);
        }
        if (holder != null && !holder.equals(nodeId)) {
            holders.put(spaceId, new Holder(holder, System.nanoTime() + HOLDER_CACHE_NANOS));
        }
        return holder;
    }

    /**
     * Not while Redis is away, nor in the first seconds after it came back (it may have come back
     * empty): the owners from before take their leases again first.
     */
    private boolean mayTakeOver() {
        return bus.healthy() && (bus.connects() <= 1 || System.currentTimeMillis() - bus.connectedAtMillis() >= LEASE_MS);
    }

    /** Takes the free lease of a space (or keeps its own) and starts its owner here; false if another node was first. */
    private synchronized boolean takeOver(String spaceId) {
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
            var space = new OwnedSpace(spaceId, owner, subscription, System.currentTimeMillis());
            owned.put(spaceId, space);
            holders.remove(spaceId);
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

    /** A message on the topic of a space this node owns; on the bus thread, so nothing here blocks. */
    private void received(String spaceId, String payload) {
        OwnedSpace space = owned.get(spaceId);
        if (space == null) {
            return;
        }
        ClusterMessage message;
        try {
            message = ClusterMessage.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("space {}: {}", spaceId, e.getMessage());
            return;
        }
        switch (message) {
            case ClusterMessage.Command(String node, SpaceCommand command) -> {
                if (command instanceof SpaceCommand.Join j) {
                    space.joined(node, j.request());
                }
                // A receive time from another process's clock, translated to this one's.
                space.owner.submit(command instanceof SpaceCommand.Move m ? new SpaceCommand.Move(m.userId(),
                        m.x(), m.y(), m.seq(), clocks.toLocal(node, m.receivedNanos())) : command);
            }
            case ClusterMessage.Roster(String node, List<JoinRequest> people) ->
                    space.roster(node, people, System.currentTimeMillis());
            case ClusterMessage.Reload _ -> Thread.ofVirtual().name("space-reload").start(() -> reload(space));
            case ClusterMessage.Query(String node, String id, PeopleQuery query) ->
                    space.owner.ask(query::apply).whenComplete((people, failure) -> bus.publish(
                            EventBus.Topics.node(node), ClusterMessage.encode(new ClusterMessage.Answer(id,
                                    people != null ? people : query.nobody()))));
            case ClusterMessage.Answer _ -> LOG.warn("space {}: an answer on a space topic", spaceId);
        }
    }

    private void reload(OwnedSpace space) {
        try {
            var loaded = loader.load(space.spaceId);
            space.owner.submit(new SpaceCommand.ReplaceMap(loaded.map(), loaded.info()));
            space.owner.submit(new SpaceCommand.VoiceSettingsChanged(loaded.voice()));
        } catch (RuntimeException e) {
            LOG.warn("space {}: reload failed", space.spaceId, e);
        }
    }

    private void answer(String payload) {
        if (ClusterMessage.decode(payload) instanceof ClusterMessage.Answer(String id, List<String> people)) {
            var waiting = queries.get(id);
            if (waiting != null) {
                waiting.complete(people);
            }
        }
    }

    /** Every second: renew leases and save positions; send rosters; take spaces nobody owns. */
    private void periodic() {
        long now = System.currentTimeMillis();
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
                space.sweep(now, bus.connectedAtMillis(), SILENT_MS);
            }
        }
        sendRosters();
    }

    private void sendRosters() {
        for (var entry : members.entrySet()) {
            String spaceId = entry.getKey();
            try {
                holders.remove(spaceId);
                if (holder(spaceId, true) == null) {
                    continue;
                }
            } catch (JedisException e) {
                continue;
            } catch (RuntimeException e) {
                LOG.warn("space {}: cannot take it over", spaceId, e);
                continue;
            }
            var roster = new ClusterMessage.Roster(nodeId, List.copyOf(entry.getValue().values()));
            bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(roster));
        }
    }

    private void relinquish(OwnedSpace space, String why) {
        if (owned.remove(space.spaceId, space)) {
            LOG.warn("node {}: no longer owning space {}: {}", nodeId, space.spaceId, why);
            local.stop(space.spaceId);
            space.close();
        }
    }

    private void idleStopped(String spaceId) {
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

    /** Redis is (back) there: leases again, and a fresh welcome for everyone in spaces owned here. */
    private void reconnected() {
        holders.clear();
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
        sendRosters();
    }

    @Override
    public void close() {
        period.shutdownNow();
        if (answers != null) {
            answers.close();
        }
        for (OwnedSpace space : owned.values()) {
            try {
                leases.release(space.spaceId);
            } catch (JedisException e) {
                LOG.debug("space {}: lease not released at shutdown: {}", space.spaceId, e.getMessage());
            }
            space.close();
        }
        owned.clear();
        local.close();
    }
}
