package io.skyscope.server.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.skyscope.protocol.Json;
import io.skyscope.server.bus.EventBus;
import java.io.IOException;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the changes merged into a room's notes to the other nodes that hold the room open, on
 * the bus topic {@code notes:<spaceId>\n<room>} (Redis between nodes; in-process with one node,
 * where nobody else listens). Each node merges what it hears into its own copy and relays what
 * was new to its own readers, so everyone in the room sees everyone's edits live, whichever node
 * serves them. A publish reaches this node's own listener too (the bus delivers locally at once):
 * messages carry the node that sent them, and a node skips its own.
 *
 * <p>Nothing here is a promise of delivery: what the bus loses (Redis away) reaches the others
 * through the store, whose copy every node merges when it changes ({@link RoomNotes}). Thread-safe.
 */
final class NotesRelay {
    private static final Logger LOG = LoggerFactory.getLogger(NotesRelay.class);

    /** What travels: the sending node, whose edit it was (null for a restore), the Automerge changes. */
    record Message(String node, String from, byte[] changes) {
    }

    private final EventBus bus;
    private final String node = UUID.randomUUID().toString();

    NotesRelay(EventBus bus) {
        this.bus = bus;
    }

    static String topic(String spaceId, String room) {
        return "notes:" + spaceId + "\n" + room;
    }

    void publish(String spaceId, String room, String from, byte[] changes) {
        try {
            bus.publish(topic(spaceId, room), Json.strict().writeValueAsString(new Message(node, from, changes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notes changes cannot be written as JSON", e);
        }
    }

    /** Hands {@code onChanges} what other nodes merged into the room's notes (who edited, the changes), on the bus thread. */
    EventBus.Subscription subscribe(String spaceId, String room, BiConsumer<String, byte[]> onChanges) {
        return bus.subscribe(topic(spaceId, room), payload -> {
            Message message;
            try {
                message = Json.strict().readValue(payload, Message.class);
            } catch (IOException e) {
                LOG.warn("space {}: unreadable notes changes for room '{}' on the bus: {}", spaceId, room, e.toString());
                return;
            }
            if (!node.equals(message.node())) {
                onChanges.accept(message.from(), message.changes());
            }
        });
    }
}
