package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.skyscope.server.store.MongoStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code chatReads} collection: how far each user has read each sequence, {@code _id} =
 * {@code <userId>|<key>}, {@code seq} = the last number read. Unread counts are then a
 * subtraction ({@link ChatCounters.Counter#countAfter}), never a count over messages.
 * {@code notified} remembers that a "dm" notification is pending for this conversation, so a burst
 * of messages makes one notification, not one per message.
 *
 * <p>Thread-safe; {@link #advance} only moves forward ({@code $max}).
 */
public final class ReadMarkers {
    private final MongoCollection<Document> reads;

    public ReadMarkers(MongoStore store) {
        this.reads = store.database().getCollection("chatReads");
    }

    private static String id(String userId, String key) {
        return userId + "|" + key;
    }

    /** The last number the user has read in the sequence (0 = nothing). */
    public long read(String userId, String key) {
        Document d = reads.find(eq("_id", id(userId, key))).first();
        return d != null && d.get("seq") instanceof Number n ? n.longValue() : 0;
    }

    /** The user's read positions in several sequences, by key; missing ones are 0. */
    public Map<String, Long> read(String userId, Collection<String> keys) {
        Map<String, Long> found = new HashMap<>();
        if (!keys.isEmpty()) {
            List<String> ids = keys.stream().map(k -> id(userId, k)).toList();
            reads.find(in("_id", ids)).forEach(d -> {
                String docId = d.getString("_id");
                Object seq = d.get("seq");
                found.put(docId.substring(docId.indexOf('|') + 1), seq instanceof Number n ? n.longValue() : 0L);
            });
        }
        keys.forEach(k -> found.putIfAbsent(k, 0L));
        return found;
    }

    /** Whether the user has a position in the sequence at all (even 0: "read everything, which was nothing"). */
    public boolean exists(String userId, String key) {
        return reads.find(eq("_id", id(userId, key))).first() != null;
    }

    /** Moves the user's position forward to {@code seq} (never back) and clears a pending notification. */
    public void advance(String userId, String key, long seq) {
        reads.updateOne(eq("_id", id(userId, key)),
                Updates.combine(Updates.max("seq", seq), Updates.set("notified", false)),
                new UpdateOptions().upsert(true));
    }

    /** Marks a notification pending; true if none was (so the caller should create one). */
    public boolean claimNotification(String userId, String key) {
        Document before = reads.findOneAndUpdate(eq("_id", id(userId, key)), Updates.set("notified", true),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return before == null || !before.getBoolean("notified", false);
    }
}
