package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code revokedSessions} collection: sign-ins that ended (sign-out) while access tokens
 * issued for them may still be unexpired, {@code _id} = the sign-in's id, kept until the last such
 * token expires ({@code until}). Read once at start-up; expired ones are deleted by housekeeping.
 *
 * <p>Thread-safe (stateless over the collection).
 */
public final class RevokedSessions {
    private final MongoCollection<Document> sessions;

    public RevokedSessions(MongoStore store) {
        this.sessions = store.database().getCollection("revokedSessions");
    }

    public void add(String sessionId, String userId, Instant until) {
        sessions.replaceOne(new Document("_id", sessionId),
                new Document("_id", sessionId).append("userId", userId).append("until", Docs.date(until)),
                new ReplaceOptions().upsert(true));
    }

    /** Sign-in id → until, for those still in force at {@code now}. */
    public Map<String, Instant> inForce(Instant now) {
        Map<String, Instant> result = new HashMap<>();
        sessions.find(gt("until", Docs.date(now))).forEach(d -> result.put(d.getString("_id"), Docs.instant(d, "until")));
        return result;
    }

    public long deleteExpired(Instant now) {
        return sessions.deleteMany(lte("until", Docs.date(now))).getDeletedCount();
    }
}
