package io.skyscope.client;

import io.skyscope.protocol.ClientMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Session} owes the server across reconnects. Messages that must reach it once
 * (chat) are kept by their {@code clientMessageId} until the server acknowledges them, and sent
 * again, in order and with the same id, after every reconnect; the server stores a resent message
 * only once. Messages that are worth sending late (edits, deletions, my voice state) wait while
 * offline, up to {@link #QUEUE_LIMIT} (oldest dropped), and go out once after the next join. The
 * last status set is said again after every join. Moves are never kept: the welcome places me anew.
 * Thread-safe.
 */
public final class Outbox {
    static final int QUEUE_LIMIT = 500;

    private final Map<String, ClientMessage> pending = new LinkedHashMap<>();
    private final Deque<ClientMessage> queued = new ArrayDeque<>();
    private ClientMessage.StatusChange status;

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

    /** Unacknowledged messages. */
    public synchronized int size() {
        return pending.size();
    }

    /** Keeps a message to send once after the next join. */
    synchronized void queue(ClientMessage message) {
        if (queued.size() >= QUEUE_LIMIT) {
            queued.removeFirst();
        }
        queued.addLast(message);
    }

    /** Messages waiting for the next join (not counting unacknowledged ones). */
    public synchronized int queued() {
        return queued.size();
    }

    synchronized void status(ClientMessage.StatusChange latest) {
        status = latest;
    }

    /**
     * What to send right after a join, in order: my status, the queued messages (taken), then every
     * unacknowledged one (kept until acknowledged).
     */
    synchronized List<ClientMessage> afterJoin() {
        List<ClientMessage> out = new ArrayList<>(queued.size() + pending.size() + 1);
        if (status != null) {
            out.add(status);
        }
        out.addAll(queued);
        queued.clear();
        out.addAll(pending.values());
        return out;
    }
}
