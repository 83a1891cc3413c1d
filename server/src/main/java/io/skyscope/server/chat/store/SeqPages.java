package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads a page of a numbered sequence (see {@link ChatKeys}) newest first, by asking for the exact
 * ids below the cursor: {@code _id $in [n-1 … n-limit]}. The embedded store answers that from its
 * unique {@code _id} index without scanning, so a page deep in a long history costs what the first
 * one does. Numbers with nothing behind them (entries deleted by retention, or a number whose
 * write failed) are skipped by asking for the next window, a bounded number of times.
 *
 * <p>Stateless.
 */
public final class SeqPages {
    /** How many windows one page may probe before returning what it has (with a cursor to go on). */
    private static final int MAX_WINDOWS = 8;

    private SeqPages() {
    }

    /**
     * A page: the documents newest first and the cursor for the next (older) page, or null at the
     * start of the sequence.
     */
    public record Page(List<Document> documents, String nextBefore) {
    }

    /**
     * @param below   the page holds numbers below this one (exclusive)
     * @param counter the sequence's last number and floor
     */
    static Page newestFirst(MongoCollection<Document> collection, String key, long below,
                            ChatCounters.Counter counter, int limit) {
        long hi = Math.min(below - 1, counter.seq());
        List<Document> found = new ArrayList<>(limit);
        for (int window = 0; window < MAX_WINDOWS && found.size() < limit && hi >= counter.floor(); window++) {
            long lo = Math.max(counter.floor(), hi - (limit - found.size()) + 1);
            List<String> ids = new ArrayList<>();
            for (long seq = hi; seq >= lo; seq--) {
                ids.add(ChatKeys.id(key, seq));
            }
            Map<String, Document> byId = new HashMap<>();
            collection.find(in("_id", ids)).forEach(d -> byId.put(d.getString("_id"), d));
            for (String id : ids) {
                Document d = byId.get(id);
                if (d != null) {
                    found.add(d);
                }
            }
            hi = lo - 1;
        }
        String next = hi >= counter.floor() ? ChatKeys.id(key, hi + 1) : null;
        return new Page(found, next);
    }
}
