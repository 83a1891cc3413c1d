package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.and;
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
import java.util.Map;
import org.bson.Document;

/**
 * The {@code chatCounters} collection: for each sequence key (see {@link ChatKeys}) the last number
 * handed out ({@code seq}) and the lowest number that may still exist ({@code floor}, raised when
 * retention deletes old entries). Every query is by {@code _id}.
 *
 * <p>Thread-safe: {@link #next} is one atomic {@code findOneAndUpdate}, so concurrent writers
 * (even on several nodes sharing a MongoDB) never get the same number.
 */
public final class ChatCounters {
    private final MongoCollection<Document> counters;

    public ChatCounters(MongoStore store) {
        this.counters = store.database().getCollection("chatCounters");
    }

    /** A sequence's state: last number handed out (0 = none yet) and the lowest that may exist. */
    public record Counter(long seq, long floor) {
        static final Counter EMPTY = new Counter(0, 1);

        /** Entries in (after, seq]: what someone who has seen up to {@code after} has not seen. */
        public long countAfter(long after) {
            return Math.max(0, seq - Math.max(after, floor - 1));
        }
    }

    /** Hands out the next number of a sequence (1 for a new one). */
    public long next(String key) {
        // The document as it was before the increment: under concurrency the embedded store may
        // return a later state of the document when asked for the one after it, handing two callers
        // the same number; the one before is a copy taken inside its lock.
        Document before = counters.findOneAndUpdate(eq("_id", key), Updates.inc("seq", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return seqOf(before) + 1;
    }

    /** The {@code seq} field of a counter document as it was, 0 if absent. */
    static long seqOf(Document before) {
        return before != null && before.get("seq") instanceof Number n ? n.longValue() : 0;
    }

    public Counter get(String key) {
        Document d = counters.find(eq("_id", key)).first();
        return d == null ? Counter.EMPTY : fromDocument(d);
    }

    /** The counters of several keys; missing ones are {@code (0, 1)}. */
    public Map<String, Counter> get(Collection<String> keys) {
        Map<String, Counter> found = new HashMap<>();
        if (!keys.isEmpty()) {
            counters.find(in("_id", keys)).forEach(d -> found.put(d.getString("_id"), fromDocument(d)));
        }
        for (String key : keys) {
            found.putIfAbsent(key, Counter.EMPTY);
        }
        return found;
    }

    /** Takes back the last number handed out if it is still the last (on a real MongoDB). */
    void releaseIfLast(String key, long seq) {
        counters.updateOne(and(eq("_id", key), eq("seq", seq)), Updates.inc("seq", -1L));
    }

    /** Records that numbers up to {@code seq} have been handed out (never lowers it). */
    void raiseSeq(String key, long seq) {
        counters.updateOne(eq("_id", key), Updates.max("seq", seq), new UpdateOptions().upsert(true));
    }

    /** Records that nothing below {@code floor} exists any more (never lowers it). */
    public void raiseFloor(String key, long floor) {
        counters.updateOne(eq("_id", key), Updates.max("floor", floor), new UpdateOptions().upsert(true));
    }

    private static Counter fromDocument(Document d) {
        Object seq = d.get("seq");
        Object floor = d.get("floor");
        return new Counter(seq instanceof Number n ? n.longValue() : 0,
                floor instanceof Number f ? Math.max(1, f.longValue()) : 1);
    }
}
