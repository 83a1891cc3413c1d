package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * Where each connected person is, whichever node serves them: the {@code whereabouts} collection,
 * one document per connected user ({@code _id} = user id) naming their connection
 * ({@code session}), the space they are in ({@code spaceId}, absent between spaces) and when their
 * node last vouched for the connection ({@code seenAt}). Changes name the connection, so a late
 * leave or close of a replaced connection changes nothing. A node that dies stops vouching: its
 * people count as offline once {@code seenAt} is older than the freshness the reader asks for.
 *
 * <p>Thread-safe; every change is one atomic update.
 */
public final class Whereabouts {
    private final MongoCollection<Document> where;

    public Whereabouts(MongoStore store) {
        this.where = store.database().getCollection("whereabouts");
        store.indexes().ascending(where, "session");
    }

    /** Where a connected person is: {@code spaceId} null between spaces. */
    public record Where(String userId, String spaceId) {
    }

    /**
     * The user's connection {@code sessionId} opened (replacing any other of theirs).
     *
     * @return whether they were already online (another connection vouched for within {@code fresh})
     */
    public boolean connected(String userId, String sessionId, Instant now, Duration fresh) {
        Document before = where.findOneAndUpdate(eq("_id", userId),
                Updates.combine(Updates.set("session", sessionId), Updates.unset("spaceId"),
                        Updates.set("seenAt", Docs.date(now))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return before != null && isFresh(before, now, fresh);
    }

    public void entered(String userId, String sessionId, String spaceId, Instant now) {
        where.updateOne(and(eq("_id", userId), eq("session", sessionId)),
                Updates.combine(Updates.set("spaceId", spaceId), Updates.set("seenAt", Docs.date(now))));
    }

    public void left(String userId, String sessionId) {
        where.updateOne(and(eq("_id", userId), eq("session", sessionId)), Updates.unset("spaceId"));
    }

    public void disconnected(String userId, String sessionId) {
        where.deleteOne(and(eq("_id", userId), eq("session", sessionId)));
    }

    /** The node still serves these connections. */
    public void vouch(Collection<String> sessionIds, Instant now) {
        if (!sessionIds.isEmpty()) {
            where.updateMany(in("session", sessionIds), Updates.set("seenAt", Docs.date(now)));
        }
    }

    /** The connected people among {@code userIds}, by user id; whoever is missing is offline. */
    public Map<String, Where> find(Collection<String> userIds, Instant now, Duration fresh) {
        Map<String, Where> found = new HashMap<>();
        if (!userIds.isEmpty()) {
            where.find(in("_id", userIds)).forEach(d -> {
                if (isFresh(d, now, fresh)) {
                    found.put(d.getString("_id"), new Where(d.getString("_id"), d.getString("spaceId")));
                }
            });
        }
        return found;
    }

    private static boolean isFresh(Document d, Instant now, Duration fresh) {
        Instant seen = Docs.instant(d, "seenAt");
        return seen != null && seen.isAfter(now.minus(fresh));
    }
}
