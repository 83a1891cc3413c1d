package io.skyscope.server.world;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or starts the owner of a space on this node, and stops owners of spaces that stayed empty.
 * Thread-safe: called from every session thread.
 */
public final class SpaceOwners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceOwners.class);

    private final SpaceLoader loader;
    private final EventBus bus;
    private final ServerMetrics metrics;
    private final WorldTuning tuning;
    private final Clock clock;
    private final Duration idleStop;
    private final Map<String, SpaceOwner> owners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("space-reaper").daemon().factory());

    public SpaceOwners(SpaceLoader loader, EventBus bus, ServerMetrics metrics, WorldTuning tuning, Clock clock,
                       Duration idleStop) {
        this.loader = loader;
        this.bus = bus;
        this.metrics = metrics;
        this.tuning = tuning;
        this.clock = clock;
        this.idleStop = idleStop;
        metrics.gauge("skyscope.spaces.active", "Spaces with a running owner on this node", owners::size);
        metrics.gauge("skyscope.people.present", "People present in spaces owned by this node",
                () -> owners.values().stream().mapToInt(SpaceOwner::population).sum());
        metrics.gauge("skyscope.voice.links.active", "Voice links between people in spaces owned by this node",
                () -> owners.values().stream().mapToInt(SpaceOwner::voiceLinks).sum());
    }

    public SpaceOwners start() {
        reaper.scheduleWithFixedDelay(this::stopIdle, 30, 30, TimeUnit.SECONDS);
        return this;
    }

    /** The owner of a space, started if needed. Throws ApiException if the space does not exist. */
    public SpaceOwner owner(String spaceId) {
        SpaceOwner existing = owners.get(spaceId);
        if (existing != null) {
            return existing;
        }
        return owners.computeIfAbsent(spaceId, id -> {
            var loaded = loader.load(id);
            LOG.info("space {}: starting owner (map {} v{})", id, loaded.info().mapId(), loaded.info().mapVersion());
            var state = new SpaceState(loaded.info(), loaded.map(), tuning, loaded.voice(), clock);
            loaded.stageSpeakers().forEach(userId -> state.voice().engine().speaker(userId, true));
            return new SpaceOwner(state, bus, metrics, tuning.tickMillis()).start();
        });
    }

    /** The running owner of a space, or null. */
    public SpaceOwner running(String spaceId) {
        return owners.get(spaceId);
    }

    /** Sends a command to every running owner (e.g. a profile change). */
    public void broadcast(SpaceCommand command) {
        owners.values().forEach(o -> o.submit(command));
    }

    /** Stops a space's owner at once (the space was deleted). */
    public void stop(String spaceId) {
        SpaceOwner owner = owners.remove(spaceId);
        if (owner != null) {
            owner.close();
        }
    }

    private void stopIdle() {
        long cutoff = System.currentTimeMillis() - idleStop.toMillis();
        owners.values().removeIf(owner -> {
            if (owner.emptySinceMillis() < cutoff) {
                LOG.info("space {}: empty, stopping owner", owner.spaceId());
                owner.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        owners.values().forEach(SpaceOwner::close);
        owners.clear();
    }
}
