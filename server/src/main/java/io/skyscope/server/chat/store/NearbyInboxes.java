package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.skyscope.server.store.MongoStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

/**
 * The {@code chatInbox} collection: for each user and space, the nearby messages that user sent or
 * received there, numbered 1, 2, 3… ({@code _id} = {@code i:<spaceId>:<userId>:<n>}, field
 * {@code m} = the message id). A nearby message is stored once; its recipients' inboxes point to
 * it, so each person pages through their own nearby history by id like any other channel.
 *
 * <p>Thread-safe (stateless over the collection).
 */
public final class NearbyInboxes {
    private final MongoCollection<Document> inbox;

    public NearbyInboxes(MongoStore store) {
        this.inbox = store.database().getCollection("chatInbox");
    }

    public void add(String spaceId, String messageId, List<StoredMessage.InboxEntry> entries) {
        List<Document> docs = new ArrayList<>(entries.size());
        for (StoredMessage.InboxEntry e : entries) {
            docs.add(new Document("_id", ChatKeys.id(ChatKeys.inbox(spaceId, e.userId()), e.seq()))
                    .append("m", messageId));
        }
        if (!docs.isEmpty()) {
            inbox.insertMany(docs);
        }
    }

    MongoCollection<Document> collection() {
        return inbox;
    }

    /** The message ids of a page of one inbox, newest first, and the cursor for the next (older) page or null. */
    public record Page(List<String> messageIds, String nextBefore) {
    }

    /**
     * The entries of inbox {@code inboxKey} numbered below {@code below}, newest first (see {@link SeqPages}).
     *
     * @param counter the inbox's last number and floor
     */
    public Page page(String inboxKey, long below, ChatCounters.Counter counter, int limit) {
        var page = SeqPages.newestFirst(inbox, inboxKey, below, counter, limit);
        return new Page(page.documents().stream().map(d -> d.getString("m")).toList(), page.nextBefore());
    }

    public void deleteAll(Collection<String> ids) {
        if (!ids.isEmpty()) {
            inbox.deleteMany(in("_id", ids));
        }
    }
}
