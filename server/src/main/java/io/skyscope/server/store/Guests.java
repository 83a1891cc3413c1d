package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code guests} collection: who joined by which guest link ({@code _id} = the guest's user
 * id), into which space, until when; and, on members' own user documents, whether they accept
 * direct messages from guests ({@code allowGuestMessages}, absent = no).
 *
 * <p>Thread-safe (stateless over the collections).
 */
public final class Guests {
    private static final String ALLOW_GUEST_MESSAGES = "allowGuestMessages";

    private final MongoCollection<Document> guests;
    private final MongoCollection<Document> users;

    public Guests(MongoStore store) {
        this.guests = store.database().getCollection("guests");
        this.users = store.database().getCollection("users");
        store.indexes().ascending(guests, "link");
        store.indexes().ascending(guests, "until");
    }

    /** A guest: their account, the link they came by, its space, and when their access ends. */
    public record Guest(String userId, String link, String spaceId, Instant until) {
    }

    public void add(Guest guest) {
        guests.insertOne(new Document("_id", guest.userId()).append("link", guest.link())
                .append("spaceId", guest.spaceId()).append("until", Docs.date(guest.until())));
    }

    public List<Guest> ofLink(String code) {
        return list(eq("link", code));
    }

    /** Guests whose access ended at or before {@code now}. */
    public List<Guest> expired(Instant now) {
        return list(lte("until", Docs.date(now)));
    }

    public void delete(String userId) {
        guests.deleteOne(eq("_id", userId));
    }

    /** Whether the member accepts direct messages from guests (no, unless they said so). */
    public boolean acceptsMessages(String userId) {
        Document d = users.find(eq("_id", userId)).projection(new Document(ALLOW_GUEST_MESSAGES, 1)).first();
        return d != null && d.getBoolean(ALLOW_GUEST_MESSAGES, false);
    }

    /** @return whether the account exists */
    public boolean setAcceptsMessages(String userId, boolean allow) {
        return users.updateOne(eq("_id", userId), Updates.set(ALLOW_GUEST_MESSAGES, allow)).getMatchedCount() == 1;
    }

    private List<Guest> list(Bson filter) {
        List<Guest> found = new ArrayList<>();
        guests.find(filter).forEach(d -> found.add(new Guest(d.getString("_id"), d.getString("link"),
                d.getString("spaceId"), Docs.instant(d, "until"))));
        return found;
    }
}
