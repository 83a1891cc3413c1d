package io.skyscope.server.chat.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.TtlCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Direct and group conversations. {@code conversations} holds one document per conversation
 * ({@code _id} = its id, with its space and participants); {@code chatUsers} holds, per user
 * ({@code _id} = user id), the ids of the conversations they are in, so listing someone's
 * conversations is two lookups by id rather than a scan. Conversations are cached for a few
 * seconds (changes made on this node apply at once).
 *
 * <p>Thread-safe (stateless over the collections); a direct conversation's id is derived from its
 * two participants, so creating it twice at once stores it once.
 */
public final class Conversations {
    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    /** How long a participant change made on another node may take to apply here. */
    private static final long CACHE_MILLIS = 5_000;

    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> users;
    // Read on every message of a conversation; participants change rarely.
    private final TtlCache<String, Conversation> cache;

    public Conversations(MongoStore store) {
        this.conversations = store.database().getCollection("conversations");
        this.users = store.database().getCollection("chatUsers");
        store.indexes().ascending(conversations, "spaceId");
        this.cache = new TtlCache<>(CACHE_MILLIS, id -> Optional.ofNullable(conversations.find(eq("_id", id)).first())
                .map(Conversations::fromDocument));
    }

    /** A conversation; its chat channel is {@code conv:<id>}. */
    public record Conversation(String id, String spaceId, String kind, String title, List<String> participants,
                               String createdBy, Instant createdAt) {
        public Conversation {
            participants = List.copyOf(participants);
        }

        public boolean includes(String userId) {
            return participants.contains(userId);
        }
    }

    /** Stores a new conversation; false if one with this id exists (a direct one created before). */
    public boolean insert(Conversation c) {
        try {
            conversations.insertOne(new Document("_id", c.id())
                    .append("spaceId", c.spaceId())
                    .append("kind", c.kind())
                    .append("title", c.title())
                    .append("participants", c.participants())
                    .append("createdBy", c.createdBy())
                    .append("createdAt", Date.from(c.createdAt())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        c.participants().forEach(u -> listFor(u, c.id()));
        cache.invalidate(c.id());
        return true;
    }

    public Optional<Conversation> find(String id) {
        return cache.get(id);
    }

    /** The user's conversations (of every space), as stored. */
    public List<Conversation> ofUser(String userId) {
        Document d = users.find(eq("_id", userId)).first();
        List<String> ids = d == null ? List.of() : d.getList("conversations", String.class, List.of());
        List<Conversation> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            conversations.find(in("_id", ids)).forEach(doc -> found.add(fromDocument(doc)));
        }
        return found;
    }

    /** Every conversation of a space (scans on the embedded store; for the retention job). */
    public List<String> idsOfSpace(String spaceId) {
        List<String> ids = new ArrayList<>();
        conversations.find(eq("spaceId", spaceId)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    public void addParticipant(String convId, String userId) {
        conversations.updateOne(eq("_id", convId), Updates.addToSet("participants", userId));
        listFor(userId, convId);
        cache.invalidate(convId);
    }

    public void removeParticipant(String convId, String userId) {
        conversations.updateOne(eq("_id", convId), Updates.pull("participants", userId));
        users.updateOne(eq("_id", userId), Updates.pull("conversations", convId));
        cache.invalidate(convId);
    }

    private void listFor(String userId, String convId) {
        users.updateOne(eq("_id", userId), Updates.addToSet("conversations", convId), new UpdateOptions().upsert(true));
    }

    private static Conversation fromDocument(Document d) {
        return new Conversation(d.getString("_id"), d.getString("spaceId"), d.getString("kind"), d.getString("title"),
                d.getList("participants", String.class, List.of()), d.getString("createdBy"),
                d.getDate("createdAt").toInstant());
    }
}
