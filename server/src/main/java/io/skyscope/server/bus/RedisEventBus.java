package io.skyscope.server.bus;

import io.micrometer.core.instrument.Counter;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The bus of a node among several, over Redis pub/sub: one Redis channel per topic.
 *
 * <p>A publish is delivered to this node's own listeners at once, on the publisher's thread (as
 * {@link InProcessEventBus} does), and queued for Redis tagged with this node's id; a {@link
 * RedisPublisher} sends the queue in pipelined batches from a thread of its own, so publishing
 * never waits on Redis. The copy that comes back from Redis is skipped. So a node keeps serving
 * its own clients while Redis is away or slow; only what should cross to other nodes is lost then
 * (Redis pub/sub keeps nothing for later), and {@link #onConnected} lets the owners of state
 * resend it once Redis is back.
 *
 * <p>A Jedis {@code subscribe} blocks its thread and, when the connection dies, throws and never
 * subscribes again by itself: the bus thread ({@code redis-bus}) loops, waiting 100 ms, then
 * doubling up to 2 s between attempts, and subscribes to every topic that has listeners. While
 * it is disconnected, publishes skip Redis at once instead of waiting for connection timeouts.
 *
 * <p>Thread-safety: publish, subscribe and closing a subscription may be called from any thread.
 * Remote messages are delivered on the bus thread; listeners must not block.
 */
public final class RedisEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final char SEPARATOR = '|';
    /** Messages waiting for Redis at most: about two seconds of a busy node's traffic. */
    private static final int QUEUE_CAPACITY = 50_000;
    /** How long closing the bus waits for what is queued to reach Redis. */
    private static final java.time.Duration CLOSE_FLUSH = java.time.Duration.ofSeconds(2);

    private final RedisClient redis;
    private final String nodeId;
    private final Clock clock;
    private final String nodeTopic;
    private final LocalListeners listeners = new LocalListeners();
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private final Thread thread;
    private final RedisPublisher publisher;
    private final Counter dropped;
    private final Counter received;
    private final AtomicLong connects = new AtomicLong();
    private volatile long connectedAtMillis;
    private volatile Channels current;
    private volatile boolean running = true;

    /**
     * @param redis   the client for commands (publishes); subscriptions use a connection of their own
     * @param nodeId  this node's id; also the name of its own topic ({@link Topics#node})
     * @param clock   for when the subscription was last (re)established
     */
    public RedisEventBus(RedisClient redis, String nodeId, ServerMetrics metrics, Clock clock) {
        if (nodeId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a node id cannot contain '" + SEPARATOR + "'");
        }
        this.redis = redis;
        this.nodeId = nodeId;
        this.clock = clock;
        this.nodeTopic = Topics.node(nodeId);
        Counter published = metrics.counter("skyscope.bus.published", "Messages this node published to Redis");
        this.dropped = metrics.counter("skyscope.bus.dropped", "Messages that could not be published to Redis "
                + "(it was unreachable, or the outgoing queue was full); local listeners still got them");
        this.publisher = new RedisPublisher(redis, QUEUE_CAPACITY, published, dropped, clock);
        metrics.gauge("skyscope.bus.queued", "Messages waiting to be published to Redis", publisher::queued);
        this.received = metrics.counter("skyscope.bus.received", "Messages received from other nodes through Redis");
        metrics.gauge("skyscope.bus.connected", "1 while the Redis subscription is up", () -> healthy() ? 1 : 0);
        metrics.gauge("skyscope.bus.connects", "Times the Redis subscription was (re)established", connects::get);
        metrics.gauge("skyscope.bus.topics", "Topics with listeners on this node", listeners::size);
        this.thread = Thread.ofPlatform().name("redis-bus").daemon().unstarted(this::run);
    }

    /**
     * Starts the bus thread and waits up to {@code wait} for the first subscription, so that a
     * node that can reach Redis is part of the cluster when it starts serving; one that cannot
     * starts anyway and joins once Redis answers.
     */
    public RedisEventBus start(java.time.Duration wait) {
        var first = new java.util.concurrent.CountDownLatch(1);
        onConnected(first::countDown);
        publisher.start();
        thread.start();
        try {
            if (!first.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("node {}: Redis did not answer within {}; serving this node's clients until it does", nodeId, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Runs {@code listener} (on a fresh virtual thread) each time the subscription is established,
     * the first time included: whatever was published meanwhile did not reach other nodes.
     */
    public void onConnected(Runnable listener) {
        connectedListeners.add(listener);
    }

    /** How many times the subscription was established so far (1 after the first connection). */
    public long connects() {
        return connects.get();
    }

    /** Messages waiting to be published to Redis. */
    public int queued() {
        return publisher.queued();
    }

    /** When the current subscription was established (millis of the injected clock). */
    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    @Override
    public void publish(String topic, String payload) {
        if (listeners.deliver(topic, payload) && Topics.isUser(topic)) {
            return; // the user's connection is here, and a user has one connection: nobody else listens
        }
        publishToOtherNodes(topic, payload);
    }

    @Override
    public void publishToOtherNodes(String topic, String payload) {
        if (current == null) {
            dropped.increment();
            return;
        }
        publisher.offer(topic, nodeId + SEPARATOR + payload);
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        synchronized (writeLock) {
            if (listeners.add(topic, listener)) {
                channelCommand(topic, true);
            }
        }
        return () -> {
            synchronized (writeLock) {
                if (listeners.remove(topic, listener) && !topic.equals(nodeTopic)) {
                    channelCommand(topic, false);
                }
            }
        };
    }

    @Override
    public boolean healthy() {
        return current != null;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        running = false;
        publisher.close(CLOSE_FLUSH);
        Channels channels = current;
        if (channels != null) {
            try {
                synchronized (writeLock) {
                    channels.unsubscribe();
                }
            } catch (RuntimeException e) {
                LOG.debug("unsubscribe at close failed: {}", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listeners.clear();
    }

    /**
     * Subscribes or unsubscribes a channel on the live connection; if there is none, the next one
     * will. Called holding {@code writeLock}, so commands go out in the order the map changed.
     */
    private void channelCommand(String topic, boolean subscribe) {
        Channels channels = current;
        if (channels == null) {
            return;
        }
        try {
            if (subscribe) {
                channels.subscribe(topic);
            } else {
                channels.unsubscribe(topic);
            }
        } catch (RuntimeException e) {
            // The connection is failing; the bus thread subscribes everything again on the next one.
            LOG.debug("{} {} failed: {}", subscribe ? "subscribe" : "unsubscribe", topic, e.getMessage());
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        while (running) {
            var channels = new Channels();
            try {
                redis.subscribe(channels, nodeTopic);
            } catch (JedisException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                if (channels.up) {
                    LOG.warn("node {}: lost Redis ({}); retrying until it is back", nodeId, e.getMessage());
                    backoff = MIN_BACKOFF_MS;
                }
            }
            current = null;
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    /** The channels of one Redis connection; its callbacks run on the bus thread. */
    private final class Channels extends JedisPubSub {
        private volatile boolean up;

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (up || !channel.equals(nodeTopic)) {
                return;
            }
            up = true;
            connects.incrementAndGet();
            connectedAtMillis = clock.millis();
            String[] topics;
            synchronized (writeLock) {
                // Topics added from now on subscribe themselves; those added before are subscribed here.
                current = this;
                topics = listeners.topics().stream().filter(t -> !t.equals(nodeTopic)).toArray(String[]::new);
                if (topics.length > 0) {
                    subscribe(topics);
                }
            }
            LOG.info("node {}: subscribed to Redis ({} topics, connection {})", nodeId, topics.length + 1, connects.get());
            for (Runnable listener : connectedListeners) {
                Thread.ofVirtual().name("redis-bus-connected").start(() -> {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        LOG.warn("resync after connecting to Redis failed", e);
                    }
                });
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            int cut = message.indexOf(SEPARATOR);
            if (cut < 0 || message.regionMatches(0, nodeId, 0, cut) && cut == nodeId.length()) {
                return; // malformed, or our own, already delivered locally
            }
            received.increment();
            listeners.deliver(channel, message.substring(cut + 1));
        }
    }
}
