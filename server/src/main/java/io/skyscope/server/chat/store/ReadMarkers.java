package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.skyscope.server.store.GroupCommit;
import io.skyscope.server.store.MongoStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code chatReads} collection: how far each user has read each sequence, {@code _id} =
 * {@code <userId>|<key>}, {@code seq} = the last number read. Unread counts are then a
 * subtraction ({@link ChatCounters.Counter#countAfter}), never a count over messages.
 * {@code notified} remembers that a "dm" notification is pending for this conversation, so a burst
 * of messages makes one notification, not one per message.
 *
 * <p>A sender has read their own message, so every send moves the sender's position
 * ({@link #advanceOwn}). On the embedded store that write waits in memory for the next group-commit
 * flush ({@link GroupCommit#beforeFlush}) and goes with the others in one bulk write, in the same
 * commit as the messages (so it is durable whenever they are); every read here counts positions
 * still waiting, and {@link #claimNotification} writes the one it touches first, so nobody can
 * tell the difference but the store, which sees one write per flush instead of one per send.
 *
 * <p>Thread-safe; positions only move forward ({@code $max}). {@link #persist} runs on the
 * committer thread.
 */
public final class ReadMarkers {
    private final MongoCollection<Document> reads;
    private final boolean deferOwn;
    /** Positions of senders in their own sequences not yet written, by document id. */
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();

    public ReadMarkers(MongoStore store) {
        this.reads = store.database().getCollection("chatReads");
        this.deferOwn = store.embedded();
    }

    /** Writes the senders' positions with each flush of this commit (embedded store only). */
    public void attach(GroupCommit commit) {
        if (deferOwn) {
            commit.beforeFlush(this::persist);
        }
    }

    private static String id(String userId, String key) {
        return userId + "|" + key;
    }

    private static Bson advancing(long seq) {
        return Updates.combine(Updates.max("seq", seq), Updates.set("notified", false));
    }

    /** The last number the user has read in the sequence (0 = nothing). */
    public long read(String userId, String key) {
        Document d = reads.find(eq("_id", id(userId, key))).first();
        long stored = d != null && d.get("seq") instanceof Number n ? n.longValue() : 0;
        return Math.max(stored, waiting.getOrDefault(id(userId, key), 0L));
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
        keys.forEach(k -> found.merge(k, waiting.getOrDefault(id(userId, k), 0L), Math::max));
        return found;
    }

    /** Whether the user has a position in the sequence at all (even 0: "read everything, which was nothing"). */
    public boolean exists(String userId, String key) {
        return waiting.containsKey(id(userId, key)) || reads.find(eq("_id", id(userId, key))).first() != null;
    }

    /** Moves the user's position forward to {@code seq} (never back) and clears a pending notification. */
    public void advance(String userId, String key, long seq) {
        reads.updateOne(eq("_id", id(userId, key)), advancing(seq), new UpdateOptions().upsert(true));
    }

    /**
     * {@link #advance} for a sender in their own sequence, written with the next flush on the
     * embedded store (see the class comment). Call before asking for the flush that must cover it.
     */
    public void advanceOwn(String userId, String key, long seq) {
        if (deferOwn) {
            waiting.merge(id(userId, key), seq, Math::max);
        } else {
            advance(userId, key, seq);
        }
    }

    /**
     * Writes the positions waiting, in one bulk write; they stop waiting once written (a failed
     * write leaves them for the next flush). Runs on the committer thread.
     */
    void persist() {
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, Long> taken = Map.copyOf(waiting);
        List<UpdateOneModel<Document>> writes = new ArrayList<>(taken.size());
        taken.forEach((id, seq) ->
                writes.add(new UpdateOneModel<>(eq("_id", id), advancing(seq), new UpdateOptions().upsert(true))));
        reads.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        taken.forEach(waiting::remove);
    }

    /** Marks a notification pending; true if none was (so the caller should create one). */
    public boolean claimNotification(String userId, String key) {
        // A position still waiting clears the flag when written: write it first, as it came first.
        Long own = waiting.get(id(userId, key));
        if (own != null) {
            advance(userId, key, own);
            waiting.remove(id(userId, key), own);
        }
        Document before = reads.findOneAndUpdate(eq("_id", id(userId, key)), Updates.set("notified", true),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return before == null || !before.getBoolean("notified", false);
    }
}
