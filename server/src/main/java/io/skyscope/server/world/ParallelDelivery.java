package io.skyscope.server.world;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a tick's deliveries out over the machine's cores: a busy space's frames are written to
 * their sockets by several threads at once (the owner's thread and a shared pool), not by its one
 * owner thread. A recipient's deliveries stay on one thread, in order. Small batches stay on the
 * caller's thread. Shared by the spaces of a node; thread-safe.
 */
public final class ParallelDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelDelivery.class);
    /** Below this many deliveries, handing work to other threads costs more than it saves. */
    static final int MIN_PARALLEL = 128;

    private final int parts;
    private final ExecutorService pool;

    /** Spreads over {@code threads} threads, the caller's included (1: everything on the caller's). */
    public ParallelDelivery(int threads) {
        this.parts = Math.max(1, threads);
        this.pool = parts == 1 ? null : Executors.newFixedThreadPool(parts - 1,
                Thread.ofPlatform().name("space-delivery-", 0).daemon().factory());
    }

    /** One thread a core. */
    public static ParallelDelivery perCore() {
        return new ParallelDelivery(Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code send} for every delivery, returning when all are done. */
    void deliver(List<Delivery> deliveries, Consumer<Delivery> send) {
        if (pool == null || deliveries.size() < MIN_PARALLEL) {
            sendAll(deliveries, send);
            return;
        }
        List<List<Delivery>> split = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>(deliveries.size() / parts + 16));
        }
        for (Delivery d : deliveries) {
            split.get(Math.floorMod(d.userId().hashCode(), parts)).add(d);
        }
        var others = new CompletableFuture<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            List<Delivery> part = split.get(i);
            others[i - 1] = CompletableFuture.runAsync(() -> sendAll(part, send), pool);
        }
        sendAll(split.getFirst(), send);
        CompletableFuture.allOf(others).join();
    }

    private static void sendAll(List<Delivery> deliveries, Consumer<Delivery> send) {
        for (Delivery d : deliveries) {
            try {
                send.accept(d);
            } catch (RuntimeException e) {
                LOG.warn("delivery to user {} failed", d.userId(), e);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
