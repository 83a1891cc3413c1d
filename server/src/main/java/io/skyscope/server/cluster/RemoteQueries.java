package io.skyscope.server.cluster;

import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.RedisEventBus;
import io.skyscope.server.world.PeopleQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Questions of who is where, put to the owner of a space on another node: each goes out on the
 * space's topic with an id, and its answer comes back on this node's topic under that id. Holds
 * the questions still waiting; one unanswered for {@value #TIMEOUT_MS} ms fails.
 *
 * <p>Thread-safety: {@link #ask} is called from session and HTTP threads, answers arrive on the
 * bus thread.
 */
final class RemoteQueries implements AutoCloseable {
    private static final long TIMEOUT_MS = 4_000;

    private final RedisEventBus bus;
    private final String nodeId;
    private final Map<String, CompletableFuture<List<String>>> waiting = new ConcurrentHashMap<>();
    private EventBus.Subscription answers;

    RemoteQueries(RedisEventBus bus) {
        this.bus = bus;
        this.nodeId = bus.nodeId();
    }

    RemoteQueries start() {
        answers = bus.subscribe(EventBus.Topics.node(nodeId), this::answered);
        return this;
    }

    /** Asks the owner of the space on another node; completes with the answer or fails after the timeout. */
    CompletableFuture<List<String>> ask(String spaceId, PeopleQuery query) {
        String id = UUID.randomUUID().toString();
        var answer = new CompletableFuture<List<String>>().orTimeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        waiting.put(id, answer);
        answer.whenComplete((people, failure) -> waiting.remove(id));
        bus.publish(EventBus.Topics.space(spaceId), ClusterMessage.encode(new ClusterMessage.Query(nodeId, id, query)));
        return answer;
    }

    private void answered(String payload) {
        if (ClusterMessage.decode(payload) instanceof ClusterMessage.Answer(String id, List<String> people)) {
            var question = waiting.get(id);
            if (question != null) {
                question.complete(people);
            }
        }
    }

    @Override
    public void close() {
        if (answers != null) {
            answers.close();
        }
    }
}
