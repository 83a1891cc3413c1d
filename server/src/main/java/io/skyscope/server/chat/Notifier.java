package io.skyscope.server.chat;

import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.rest.NotificationView;
import io.skyscope.server.chat.store.Notifications;
import java.time.Instant;

/**
 * Creates notifications (stored first, delivered by the caller once they are durable) and turns
 * them into {@code notification} events. Thread-safe.
 */
final class Notifier {
    static final int PREVIEW_LENGTH = 140;

    private final Notifications notifications;

    Notifier(Notifications notifications) {
        this.notifications = notifications;
    }

    /** A stored notification and who gets it. */
    record Outgoing(String userId, ChatEvent.Notification event) {
    }

    Outgoing create(String userId, String kind, String spaceId, String channel, String messageId, String fromUserId,
                    String fromName, String text, Instant at) {
        NotificationView v = notifications.create(userId, kind, spaceId, channel, messageId, fromUserId, fromName,
                preview(text), at);
        return new Outgoing(userId, event(v));
    }

    static ChatEvent.Notification event(NotificationView v) {
        return new ChatEvent.Notification(v.id(), v.kind(), v.spaceId(), v.channel(), v.messageId(), v.fromUserId(),
                v.fromName(), v.preview(), v.createdAt(), v.read());
    }

    static String preview(String text) {
        if (text == null) {
            return null;
        }
        if (text.codePointCount(0, text.length()) <= PREVIEW_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_LENGTH - 1)) + "…";
    }
}
