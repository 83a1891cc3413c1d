package io.skyscope.server.chat;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.bus.EventBus;
import java.util.Collection;

/**
 * Sends chat events to users through the {@link EventBus} (topic {@code user:<id>}), so a
 * recipient is reached wherever their connection is. A message is encoded once however many
 * receive it. Thread-safe; never blocks (sessions queue what they receive).
 */
public final class ChatFanout {
    private final EventBus bus;

    public ChatFanout(EventBus bus) {
        this.bus = bus;
    }

    void toUser(String userId, ServerMessage message) {
        bus.publish(EventBus.Topics.user(userId), ProtocolCodec.encode(message));
    }

    /** To every user listed except {@code except} (may be null). */
    void toUsers(Collection<String> userIds, String except, ServerMessage message) {
        String frame = null;
        for (String userId : userIds) {
            if (!userId.equals(except)) {
                if (frame == null) {
                    frame = ProtocolCodec.encode(message);
                }
                bus.publish(EventBus.Topics.user(userId), frame);
            }
        }
    }
}
