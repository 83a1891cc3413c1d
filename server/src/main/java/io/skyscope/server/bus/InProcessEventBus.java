package io.skyscope.server.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a single node: delivers synchronously on the publisher's thread. A listener that
 * throws is logged and does not affect other listeners.
 */
public final class InProcessEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String payload) {
        List<Consumer<String>> targets = listeners.get(topic);
        if (targets == null) {
            return;
        }
        for (Consumer<String> listener : targets) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("listener on {} failed", topic, e);
            }
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(topic, (t, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public String kind() {
        return "in-process";
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
