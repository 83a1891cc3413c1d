package io.skyscope.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.server.cluster.RedisConnection;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.testing.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Two nodes' buses over a real Redis server, which the test kills and brings back. */
class RedisEventBusTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private RedisClient clientA;
    private RedisClient clientB;
    private RedisEventBus a;
    private RedisEventBus b;
    private final AtomicInteger connectsA = new AtomicInteger();
    private final ServerMetrics metricsA = new ServerMetrics();

    @BeforeEach
    void start() {
        if (!REDIS.running()) {
            REDIS.start();
        }
        clientA = RedisConnection.client(REDIS.url());
        clientB = RedisConnection.client(REDIS.url());
        a = new RedisEventBus(clientA, "a", metricsA, Clock.systemUTC());
        a.onConnected(connectsA::incrementAndGet);
        a.start(WAIT);
        b = new RedisEventBus(clientB, "b", new ServerMetrics(), Clock.systemUTC()).start(WAIT);
        await().atMost(WAIT).until(() -> a.healthy() && b.healthy());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        clientA.close();
        clientB.close();
    }

    @Test
    void deliversToTheOtherNodeAndToItsOwnListenersOnce() {
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        a.subscribe("space:1", onA::add);
        b.subscribe("space:1", onB::add);
        awaitDelivery(b, "space:1", onA);

        a.publish("space:1", "hello");

        await().atMost(WAIT).until(() -> onB.contains("hello"));
        assertThat(onA).containsOnlyOnce("hello");
    }

    @Test
    void framesForAUserConnectedHereStayHereAndAReplacementNoticeGoesOnlyElsewhere() {
        List<String> onA = new CopyOnWriteArrayList<>();
        List<String> onB = new CopyOnWriteArrayList<>();
        b.subscribe("user:5", onB::add);
        awaitDelivery(a, "user:5", onB);
        a.subscribe("user:5", onA::add); // she connected on a as well (b would be told to close its connection)
        List<String> spaceOnB = new CopyOnWriteArrayList<>();
        b.subscribe("space:5", spaceOnB::add);
        awaitDelivery(a, "space:5", spaceOnB);
        a.subscribe("space:5", m -> { });

        a.publish("user:5", "for her connection here");
        a.publishToOtherNodes("user:5", "notice");
        a.publish("space:5", "a space topic still crosses");

        await().atMost(WAIT).until(() -> spaceOnB.contains("a space topic still crosses") && onB.contains("notice"));
        assertThat(withoutProbes(onA)).containsExactly("for her connection here");
        assertThat(withoutProbes(onB)).containsExactly("notice"); // sent after the frame, through the same queue
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        List<String> onB = new CopyOnWriteArrayList<>();
        var subscription = b.subscribe("user:2", onB::add);
        awaitDelivery(a, "user:2", onB);
        subscription.close();
        List<String> later = new CopyOnWriteArrayList<>();
        b.subscribe("user:other", later::add);
        awaitDelivery(a, "user:other", later);

        a.publish("user:2", "after");
        a.publish("user:other", "marker");

        await().atMost(WAIT).until(() -> later.contains("marker"));
        assertThat(onB).doesNotContain("after");
    }

    @Test
    void subscribesAgainByItselfWhenRedisComesBack() {
        List<String> onB = new CopyOnWriteArrayList<>();
        b.subscribe("space:3", onB::add);
        awaitDelivery(a, "space:3", onB);
        List<String> onA = new CopyOnWriteArrayList<>();
        a.subscribe("space:3", onA::add);
        int connectsBefore = connectsA.get();

        REDIS.kill();
        await().atMost(WAIT).until(() -> !a.healthy() && !b.healthy());
        a.publish("space:3", "while away");
        // A topic first subscribed during the outage is subscribed on the next connection.
        List<String> lateOnB = new CopyOnWriteArrayList<>();
        b.subscribe("user:late", lateOnB::add);
        REDIS.start();

        await().atMost(WAIT).until(() -> a.healthy() && b.healthy());
        await().atMost(WAIT).until(() -> connectsA.get() > connectsBefore);
        assertThat(onA).contains("while away"); // its own node's listeners still got it
        awaitDelivery(a, "space:3", onB);
        awaitDelivery(a, "user:late", lateOnB);
        assertThat(onB).doesNotContain("while away"); // Redis pub/sub keeps nothing for later
    }

    @Test
    void aBurstReachesTheOtherNodeCompleteAndInOrder() {
        List<String> onB = new CopyOnWriteArrayList<>();
        b.subscribe("user:burst", onB::add);
        awaitDelivery(a, "user:burst", onB);
        int n = 20_000; // several pipelines' worth

        for (int i = 0; i < n; i++) {
            a.publish("user:burst", "m" + i);
        }

        // A probe of awaitDelivery may still arrive late: only the burst counts.
        await().atMost(WAIT).until(() -> withoutProbes(onB).size() >= n);
        List<String> got = withoutProbes(onB);
        assertThat(got).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).isEqualTo("m" + i);
        }
    }

    @Test
    void aFrozenRedisDoesNotHoldUpPublishersAndTrafficResumesAfterwards() throws Exception {
        List<String> onB = new CopyOnWriteArrayList<>();
        b.subscribe("space:4", onB::add);
        awaitDelivery(a, "space:4", onB);
        // Counted, not kept: a copy-on-write list copies itself at every add, 100,000 times here.
        AtomicInteger onA = new AtomicInteger();
        a.subscribe("space:4", m -> {
            if (m.startsWith("frozen-")) {
                onA.incrementAndGet();
            }
        });
        int n = 100_000; // more than the outgoing queue holds
        double droppedBefore = dropped();

        REDIS.pause();
        try {
            // Each publish waiting on Redis would take the 2 s command timeout: this would not end in time.
            var publishing = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    a.publish("space:4", "frozen-" + i);
                }
            });
            publishing.join(WAIT);
            assertThat(publishing.isAlive()).as("publishing while Redis is frozen has finished").isFalse();
            assertThat(onA.get()).as("this node's own listeners got everything at once").isEqualTo(n);
            assertThat(dropped() - droppedBefore).as("messages counted as dropped").isPositive();
        } finally {
            REDIS.resume();
        }

        awaitDelivery(a, "space:4", onB);
        await().atMost(WAIT).until(() -> a.queued() == 0);
    }

    private static List<String> withoutProbes(List<String> received) {
        return received.stream().filter(m -> !m.startsWith("probe-")).toList();
    }

    private double dropped() {
        return metricsA.counter("skyscope.bus.dropped", "").count();
    }

    /** Publishes probes until one arrives: subscriptions take effect asynchronously. */
    private static void awaitDelivery(RedisEventBus from, String topic, List<String> received) {
        AtomicInteger n = new AtomicInteger();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            from.publish(topic, "probe-" + n.incrementAndGet());
            return received.stream().anyMatch(m -> m.startsWith("probe-"));
        });
        received.removeIf(m -> m.startsWith("probe-"));
    }
}
