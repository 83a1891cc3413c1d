package io.skyscope.server.bus;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The outgoing side of {@link RedisEventBus}: publishes from a bounded queue on a thread of its
 * own ({@code redis-publish}), many messages per round trip (a pipeline of up to {@value #BATCH}),
 * so that the threads that publish (a space's owner, above all) never wait on Redis.
 *
 * <p>Messages leave in the order they were queued. When the queue is full (Redis answers more
 * slowly than the node publishes) or a batch fails (Redis went away), those messages are dropped
 * and counted, as a publish during an outage is: Redis pub/sub keeps nothing for later either, and
 * the owners of state resend it when the bus reconnects.
 *
 * <p>Thread-safety: {@link #offer} may be called from any thread.
 */
final class RedisPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPublisher.class);
    /** Messages per pipeline. */
    static final int BATCH = 512;
    /** How often a full queue is logged at most. */
    private static final long OVERFLOW_LOG_INTERVAL_MS = 10_000;

    private record Outgoing(String channel, String message) {
    }

    private final RedisClient redis;
    private final Clock clock;
    private final BlockingQueue<Outgoing> queue;
    private final Counter published;
    private final Counter dropped;
    private final AtomicLong lastOverflowLog = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    RedisPublisher(RedisClient redis, int capacity, Counter published, Counter dropped, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(capacity); // one lock to offer, another to drain
        this.published = published;
        this.dropped = dropped;
        this.thread = Thread.ofPlatform().name("redis-publish").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues a message; false (and counted as dropped) if the queue is full. Never blocks. */
    boolean offer(String channel, String message) {
        if (queue.offer(new Outgoing(channel, message))) {
            return true;
        }
        dropped.increment();
        long now = clock.millis();
        long last = lastOverflowLog.get();
        if (now - last >= OVERFLOW_LOG_INTERVAL_MS && lastOverflowLog.compareAndSet(last, now)) {
            LOG.warn("Redis is not keeping up: the outgoing queue is full ({} messages); dropping what other "
                    + "nodes should get (see skyscope_bus_dropped_total)", queue.size());
        }
        return false;
    }

    /** Messages waiting to be published. */
    int queued() {
        return queue.size();
    }

    /** Publishes what is queued (for at most {@code flush}), then stops the thread. */
    void close(Duration flush) {
        running = false;
        try {
            thread.join(flush.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    private void run() {
        List<Outgoing> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Outgoing first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            send(batch);
            batch.clear();
        }
    }

    private void send(List<Outgoing> batch) {
        try (var pipeline = redis.pipelined()) {
            for (Outgoing o : batch) {
                pipeline.publish(o.channel(), o.message());
            }
            pipeline.sync();
            published.increment(batch.size());
        } catch (JedisException e) {
            dropped.increment(batch.size());
            LOG.debug("cannot publish {} messages: {}", batch.size(), e.getMessage());
        }
    }
}
