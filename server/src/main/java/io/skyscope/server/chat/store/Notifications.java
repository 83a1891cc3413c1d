package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.skyscope.protocol.rest.NotificationView;
import io.skyscope.server.store.MongoStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Notifications: {@code notifications} holds each one, numbered per user ({@code _id} =
 * {@code u:<userId>:<n>}); {@code notificationState} holds per user ({@code _id} = user id) the
 * last number ({@code seq}), everything at or below {@code readUpTo} counts as read, and the
 * number still {@code unread}, kept as notifications are created and read.
 *
 * <p>Thread-safe; counts are adjusted with atomic increments.
 */
public final class Notifications {
    public static final String MENTION = "mention";
    public static final String DM = "dm";
    public static final String INVITE = "invite";

    private final MongoCollection<Document> notifications;
    private final MongoCollection<Document> state;

    public Notifications(MongoStore store) {
        this.notifications = store.database().getCollection("notifications");
        this.state = store.database().getCollection("notificationState");
    }

    /** Per-user state: last number handed out, read up to, unread count. */
    public record State(long seq, long readUpTo, long unread) {
        ChatCounters.Counter counter() {
            return new ChatCounters.Counter(seq, 1);
        }
    }

    /** Stores a new unread notification for the user and returns it with its id. */
    public NotificationView create(String userId, String kind, String spaceId, String channel, String messageId,
                            String fromUserId, String fromName, String preview, Instant at) {
        // BEFORE, not AFTER: see ChatCounters#next.
        Document before = state.findOneAndUpdate(eq("_id", userId),
                Updates.combine(Updates.inc("seq", 1L), Updates.inc("unread", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        String id = ChatKeys.id(ChatKeys.notifications(userId), ChatCounters.seqOf(before) + 1);
        var view = new NotificationView(id, kind, spaceId, channel, messageId, fromUserId, fromName, preview, at,
                false);
        notifications.insertOne(new Document("_id", id)
                .append("kind", kind)
                .append("spaceId", spaceId)
                .append("channel", channel)
                .append("messageId", messageId)
                .append("fromUserId", fromUserId)
                .append("fromName", fromName)
                .append("preview", preview)
                .append("createdAt", Date.from(at))
                .append("read", false));
        return view;
    }

    public State state(String userId) {
        Document d = state.find(eq("_id", userId)).first();
        return d == null ? new State(0, 0, 0) : new State(number(d, "seq"), number(d, "readUpTo"), number(d, "unread"));
    }

    public SeqPages.Page page(String userId, long below, int limit) {
        return SeqPages.newestFirst(notifications, ChatKeys.notifications(userId), below, state(userId).counter(),
                limit);
    }

    /** Marks one notification read; false if the user has no such notification. */
    public boolean markRead(String userId, long seq) {
        Document before = notifications.findOneAndUpdate(eq("_id", ChatKeys.id(ChatKeys.notifications(userId), seq)),
                Updates.set("read", true), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return false;
        }
        if (!before.getBoolean("read", false) && seq > state(userId).readUpTo()) {
            state.updateOne(eq("_id", userId), Updates.inc("unread", -1L));
        }
        return true;
    }

    /** Marks everything up to now read. A notification created meanwhile stays unread. */
    public void markAllRead(String userId) {
        State s = state(userId);
        state.updateOne(eq("_id", userId), Updates.combine(Updates.max("readUpTo", s.seq()),
                Updates.inc("unread", -s.unread())), new UpdateOptions().upsert(true));
    }

    static NotificationView view(Document d, long readUpTo) {
        long seq = ChatKeys.parse("id", d.getString("_id")).seq();
        return new NotificationView(d.getString("_id"), d.getString("kind"), d.getString("spaceId"),
                d.getString("channel"), d.getString("messageId"), d.getString("fromUserId"), d.getString("fromName"),
                d.getString("preview"), d.getDate("createdAt").toInstant(),
                d.getBoolean("read", false) || seq <= readUpTo);
    }

    public static List<NotificationView> views(List<Document> docs, long readUpTo) {
        return docs.stream().map(d -> view(d, readUpTo)).toList();
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
