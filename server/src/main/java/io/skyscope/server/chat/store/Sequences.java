package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.skyscope.server.store.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Hands out the numbers of the chat sequences ({@link ChatKeys}).
 *
 * <p>On a real MongoDB each number is one atomic increment in the store ({@link ChatCounters#next}),
 * which is safe with several server nodes. On the embedded store (one node by construction) that
 * increment is the slowest step of a send, and a nearby message needs one per recipient, so the
 * numbers are handed out from memory instead and written to {@code chatCounters} just before each
 * group-commit flush ({@link GroupCommit#beforeFlush}), in the same commit as the messages. A
 * message stored between that write and the flush (or committed by the store's own background
 * commit) may carry a number above the stored counter, so on its first use after a start a
 * sequence looks up the numbers after the stored one and steps over those that exist.
 *
 * <p>Thread-safe: any thread may call {@link #next}; {@link #persist} runs on the committer thread.
 */
public final class Sequences {
    private static final int PROBE = 64;

    private final ChatCounters counters;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> inbox;
    private final boolean local;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    Sequences(ChatCounters counters, ChatMessages messages, NearbyInboxes inbox, boolean local) {
        this.counters = counters;
        this.messages = messages.collection();
        this.inbox = inbox.collection();
        this.local = local;
    }

    /** Keeps the counters in memory between flushes of this commit (embedded store only). */
    public void attach(GroupCommit commit) {
        if (local) {
            commit.beforeFlush(this::persist);
        }
    }

    /** The next number of a message or inbox sequence. */
    public long next(String key) {
        if (!local) {
            return counters.next(key);
        }
        long n = last.computeIfAbsent(key, this::recover).incrementAndGet();
        dirty.add(key);
        return n;
    }

    /**
     * Gives back the number {@link #next} just handed out, when what it was for was not stored (a
     * retried send). Only the latest number can come back; if another was handed out since, the
     * number stays unused (a gap, which pages skip).
     */
    public void release(String key, long seq) {
        if (!local) {
            counters.releaseIfLast(key, seq);
            return;
        }
        AtomicLong n = last.get(key);
        if (n != null) {
            n.compareAndSet(seq, seq - 1);
        }
    }

    /** The sequence's last number and floor, including numbers not yet written to the store. */
    public ChatCounters.Counter counter(String key) {
        ChatCounters.Counter stored = counters.get(key);
        AtomicLong inMemory = local ? last.get(key) : null;
        return inMemory == null ? stored
                : new ChatCounters.Counter(Math.max(stored.seq(), inMemory.get()), stored.floor());
    }

    public Map<String, ChatCounters.Counter> counters(java.util.Collection<String> keys) {
        Map<String, ChatCounters.Counter> stored = counters.get(keys);
        if (local) {
            stored.replaceAll((key, c) -> {
                AtomicLong inMemory = last.get(key);
                return inMemory == null ? c : new ChatCounters.Counter(Math.max(c.seq(), inMemory.get()), c.floor());
            });
        }
        return stored;
    }

    /** Writes the counters that moved since the last call. Runs on the committer thread. */
    void persist() {
        for (String key : List.copyOf(dirty)) {
            dirty.remove(key);
            counters.raiseSeq(key, last.get(key).get());
        }
    }

    private AtomicLong recover(String key) {
        long seq = counters.get(key).seq();
        MongoCollection<Document> entries = key.startsWith("i:") ? inbox : messages;
        while (true) {
            List<String> ids = new ArrayList<>(PROBE);
            for (long n = seq + 1; n <= seq + PROBE; n++) {
                ids.add(ChatKeys.id(key, n));
            }
            long found = seq;
            for (Document d : entries.find(in("_id", ids)).projection(new Document("_id", 1))) {
                found = Math.max(found, ChatKeys.parse("id", d.getString("_id")).seq());
            }
            if (found == seq) {
                return new AtomicLong(seq);
            }
            seq = found;
        }
    }
}
