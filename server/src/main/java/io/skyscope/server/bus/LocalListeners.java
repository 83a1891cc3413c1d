package io.skyscope.server.bus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one node, by topic. A listener that throws is logged and does not affect the
 * others. Thread-safe.
 */
final class LocalListeners {
    private static final Logger LOG = LoggerFactory.getLogger(LocalListeners.class);

    private final Map<String, List<Consumer<String>>> byTopic = new ConcurrentHashMap<>();

    /** Adds a listener; true if it is the topic's first. */
    boolean add(String topic, Consumer<String> listener) {
        var list = byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        boolean first = list.isEmpty();
        list.add(listener);
        return first;
    }

    /** Removes a listener; true if it was the topic's last. */
    boolean remove(String topic, Consumer<String> listener) {
        var list = byTopic.get(topic);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            byTopic.remove(topic, list);
            return true;
        }
        return false;
    }

    /** Delivers to the topic's listeners; false if it has none. */
    boolean deliver(String topic, String payload) {
        List<Consumer<String>> targets = byTopic.get(topic);
        if (targets == null) {
            return false;
        }
        for (Consumer<String> listener : targets) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("listener on {} failed", topic, e);
            }
        }
        return true;
    }

    Set<String> topics() {
        return byTopic.keySet();
    }

    int size() {
        return byTopic.size();
    }

    void clear() {
        byTopic.clear();
    }
}
