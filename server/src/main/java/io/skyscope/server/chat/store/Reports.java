package io.skyscope.server.chat.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.skyscope.protocol.rest.ReportView;
import io.skyscope.server.store.MongoStore;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The {@code chatReports} collection: reported messages, numbered per space ({@code _id} =
 * {@code r:<spaceId>:<n>}) so admins page through them by id. {@code key} =
 * {@code reporterId/messageId} is unique: reporting the same message twice stores one report.
 *
 * <p>Thread-safe (stateless over the collection).
 */
public final class Reports {
    private final MongoCollection<Document> reports;
    private final ChatCounters counters;

    public Reports(MongoStore store, ChatCounters counters) {
        this.reports = store.database().getCollection("chatReports");
        this.counters = counters;
        store.indexes().unique(reports, "key");
    }

    /** Stores the report; its id, or null if this user had already reported this message. */
    public String add(StoredMessage m, String reporterId, String reason, Instant at) {
        String id = ChatKeys.id(ChatKeys.reports(m.spaceId()), counters.next(ChatKeys.reports(m.spaceId())));
        try {
            reports.insertOne(new Document("_id", id)
                    .append("key", reporterId + "/" + m.id())
                    .append("spaceId", m.spaceId())
                    .append("messageId", m.id())
                    .append("channel", m.channel())
                    .append("senderId", m.senderId())
                    .append("senderName", m.senderName())
                    .append("text", m.text())
                    .append("reporterId", reporterId)
                    .append("reason", reason)
                    .append("createdAt", Date.from(at)));
            return id;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw e;
        }
    }

    public SeqPages.Page page(String spaceId, long below, int limit) {
        String key = ChatKeys.reports(spaceId);
        return SeqPages.newestFirst(reports, key, below, counters.get(key), limit);
    }

    public static ReportView view(Document d) {
        return new ReportView(d.getString("_id"), d.getString("spaceId"), d.getString("messageId"),
                d.getString("channel"), d.getString("senderId"), d.getString("senderName"), d.getString("text"),
                d.getString("reporterId"), d.getString("reason"), d.getDate("createdAt").toInstant());
    }
}
