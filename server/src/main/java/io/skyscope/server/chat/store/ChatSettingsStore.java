package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.skyscope.server.store.MongoStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code chatSettings} collection: per space ({@code _id} = space id) how many days messages
 * are kept ({@code retentionDays}; absent = forever). Few documents: listing them all is cheap.
 *
 * <p>Thread-safe (stateless over the collection).
 */
public final class ChatSettingsStore {
    private final MongoCollection<Document> settings;

    public ChatSettingsStore(MongoStore store) {
        this.settings = store.database().getCollection("chatSettings");
    }

    /** Days to keep messages in the space, or null for forever. */
    public Integer retentionDays(String spaceId) {
        Document d = settings.find(eq("_id", spaceId)).first();
        return d == null ? null : d.getInteger("retentionDays");
    }

    public void setRetentionDays(String spaceId, Integer days) {
        settings.replaceOne(eq("_id", spaceId), new Document("_id", spaceId).append("retentionDays", days),
                new ReplaceOptions().upsert(true));
    }

    /** Every space with a retention limit, and its limit in days. */
    public Map<String, Integer> withRetention() {
        Map<String, Integer> found = new LinkedHashMap<>();
        settings.find().forEach(d -> {
            Integer days = d.getInteger("retentionDays");
            if (days != null) {
                found.put(d.getString("_id"), days);
            }
        });
        return found;
    }
}
