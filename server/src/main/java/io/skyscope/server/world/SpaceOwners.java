package io.skyscope.server.world;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or starts the owner of a space on this node, and stops owners of spaces that stayed empty.
 * On a single node it is the {@link SpaceDirectory}; among several nodes it runs the spaces this
 * node holds the lease of. Thread-safe: called from every session thread.
 */
public final class SpaceOwners implements SpaceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceOwners.class);

    private final SpaceLoader loader;
    private final EventBus bus;
    private final ServerMetrics metrics;
    private final WorldTuning tuning;
    private final Clock clock;
    private final Duration idleStop;
    private final Map<String, SpaceOwner> owners = new ConcurrentHashMap<>();
    private final ParallelDelivery delivery = ParallelDelivery.perCore();
    private volatile Consumer<String> stopped = id -> { };
    /** Where stages go beyond direct links, or null (no media server). */
    private volatile MediaStages media;
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
        metrics.gauge("skyscope.video.links.active", "Camera links in spaces owned by this node: receiver-sender pairs"
                        + " where the sender's camera is on and the server lets it reach the receiver",
                () -> owners.values().stream().mapToInt(SpaceOwner::videoLinks).sum());
        metrics.gauge("skyscope.screen.shares.active", "People sharing their screen in spaces owned by this node",
                () -> owners.values().stream().mapToInt(SpaceOwner::screenShares).sum());
    }

    /** Told (on the reaper's thread) of each space whose owner stopped for staying empty. */
    public void onIdleStop(Consumer<String> listener) {
        this.stopped = listener;
    }

    /** Carries the stages of the spaces started from now on through a media server. */
    public SpaceOwners media(MediaStages stages) {
        this.media = stages;
        return this;
    }

    public SpaceOwners start() {
        reaper.scheduleWithFixedDelay(this::stopIdle, 30, 30, TimeUnit.SECONDS);
        return this;
    }

    /** The owner of a space, started if needed. Throws Refused if the space does not exist. */
    public SpaceOwner owner(String spaceId) {
        return owner(spaceId, o -> { });
    }

    /**
     * The owner of a space, started if needed; a new owner is handed to {@code starting} before
     * anyone else can reach it (to queue its first commands).
     */
    public SpaceOwner owner(String spaceId, Consumer<SpaceOwner> starting) {
        SpaceOwner existing = owners.get(spaceId);
        if (existing != null) {
            return existing;
        }
        return owners.computeIfAbsent(spaceId, id -> {
            var loaded = loader.load(id);
            LOG.info("space {}: starting owner (map {} v{})", id, loaded.info().mapId(), loaded.info().mapVersion());
            var state = new SpaceState(loaded.info(), loaded.map(), tuning, loaded.voice(), clock);
            state.voice().speakers(loaded.stageSpeakers());
            if (media != null) {
                state.voice().media(id, media);
            }
            var owner = new SpaceOwner(state, bus, metrics, tuning.tickMillis(), clock, delivery);
            starting.accept(owner);
            return owner.start();
        });
    }

    @Override
    public boolean submit(String spaceId, SpaceCommand command) {
        // The owner may have just been stopped for being empty; a fresh one takes the command.
        return owner(spaceId).submit(command) || owner(spaceId).submit(command);
    }

    @Override
    public void submitIfRunning(String spaceId, SpaceCommand command) {
        SpaceOwner owner = owners.get(spaceId);
        if (owner != null) {
            owner.submit(command);
        }
    }

    @Override
    public CompletableFuture<List<String>> people(String spaceId, PeopleQuery query) {
        SpaceOwner owner = owners.get(spaceId);
        return owner == null ? CompletableFuture.completedFuture(query.nobody()) : owner.ask(query::apply);
    }

    /** Stops a space's owner at once (the space was deleted). */
    public void stop(String spaceId) {
        SpaceOwner owner = owners.remove(spaceId);
        if (owner != null) {
            owner.close();
        }
    }

    private void stopIdle() {
        long cutoff = clock.millis() - idleStop.toMillis();
        owners.values().removeIf(owner -> {
            if (owner.emptySinceMillis() < cutoff) {
                LOG.info("space {}: empty, stopping owner", owner.spaceId());
                owner.close();
                stopped.accept(owner.spaceId());
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
        delivery.close();
    }
}
