package io.skyscope.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.server.testing.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupCommitTest {
    @RegisterExtension
    final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void callbacksRunAfterAFlushInTheOrderTheyWereQueuedAndWritersShareFlushes() throws Exception {
        var commit = new GroupCommit(mongo.store()).start();
        var collection = mongo.store().database().getCollection("gc");
        int writers = 8;
        int each = 50;
        List<List<Integer>> seen = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
        }
        var done = new CountDownLatch(writers * each);
        try (var pool = Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        int n = i;
                        collection.insertOne(new Document("_id", writer + ":" + n));
                        commit.afterDurable(() -> {
                            seen.get(writer).add(n);
                            done.countDown();
                        }, e -> { });
                    }
                });
            }
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        for (List<Integer> order : seen) {
            assertThat(order).isSorted().hasSize(each);
        }
        assertThat(commit.averageBatch()).isGreaterThan(1.0);
        commit.close();
    }

    @Test
    void aFailedFlushReportsToEveryoneWaiting() {
        var commit = new GroupCommit(mongo.store()).start();
        mongo.store().close();
        var failure = new AtomicReference<RuntimeException>();
        commit.afterDurable(() -> { }, failure::set);
        await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
        commit.close();
    }
}
