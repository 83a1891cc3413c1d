package io.skyscope.server.chat;

import io.skyscope.protocol.rest.NotificationList;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.ChatStores;
import io.skyscope.server.chat.store.Notifications;

/**
 * Listing notifications and marking them read, for when a user comes back (live ones arrive as
 * {@code notification} events). Threads: request threads; stateless.
 */
public final class NotificationService {
    private final Notifications notifications;

    public NotificationService(ChatStores stores) {
        this.notifications = stores.notifications();
    }

    public NotificationList list(String userId, String before, Integer limit) {
        int n = ChatHistory.limit(limit);
        long below = Long.MAX_VALUE;
        if (before != null) {
            ChatKeys.Id id = ChatKeys.parse("before", before);
            if (!id.key().equals(ChatKeys.notifications(userId))) {
                throw Refused.badRequest("before", "'before' is not one of your notifications");
            }
            below = id.seq();
        }
        var state = notifications.state(userId);
        var page = notifications.page(userId, below, n);
        return new NotificationList(Notifications.views(page.documents(), state.readUpTo()),
                Math.max(0, state.unread()), page.nextBefore());
    }

    public void markRead(String userId, String notificationId) {
        if (!notifications.markRead(userId, own(userId, "id", notificationId))) {
            throw Refused.notFound("No such notification");
        }
    }

    public void markAllRead(String userId) {
        notifications.markAllRead(userId);
    }

    private static long own(String userId, String field, String id) {
        ChatKeys.Id parsed;
        try {
            parsed = ChatKeys.parse(field, id);
        } catch (Refused e) {
            throw Refused.notFound("No such notification");
        }
        if (!parsed.key().equals(ChatKeys.notifications(userId))) {
            throw Refused.notFound("No such notification");
        }
        return parsed.seq();
    }
}
