package io.skyscope.server.bus;

import java.util.function.Consumer;

/**
 * The bus of a single node: delivers synchronously on the publisher's thread. A listener that
 * throws is logged and does not affect other listeners.
 */
public final class InProcessEventBus implements EventBus {
    private final LocalListeners listeners = new LocalListeners();

    @Override
    public void publish(String topic, String payload) {
        listeners.deliver(topic, payload);
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> listener) {
        listeners.add(topic, listener);
        return () -> listeners.remove(topic, listener);
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
