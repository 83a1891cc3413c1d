package io.skyscope.client;

import io.skyscope.protocol.ClientMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages that must reach the server once (chat), kept by their {@code clientMessageId} until the
 * server acknowledges them, and sent again, in order and with the same id, after a reconnect. The
 * server stores a resent message only once. Thread-safe.
 */
public final class Outbox {
    private final Map<String, ClientMessage> pending = new LinkedHashMap<>();

    public synchronized void add(String clientMessageId, ClientMessage message) {
        pending.put(clientMessageId, message);
    }

    /** The server acknowledged {@code clientMessageId}; returns whether it was pending. */
    public synchronized boolean acknowledged(String clientMessageId) {
        return pending.remove(clientMessageId) != null;
    }

    /** Unacknowledged messages, oldest first. */
    public synchronized List<ClientMessage> pending() {
        return List.copyOf(pending.values());
    }

    public synchronized int size() {
        return pending.size();
    }
}
