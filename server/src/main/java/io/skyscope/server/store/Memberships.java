package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code memberships} collection: who belongs to which space and in which role.
 * {@code _id} = {@code spaceId + ":" + userId}, so the check made on every WebSocket join
 * ({@link #find}) is a lookup by id even on the embedded store; listing a space's members or a
 * user's spaces scans there (and uses an index on a real MongoDB).
 *
 * <p>{@link #find} is asked on every chat send, typing frame and read marker; on the embedded store
 * its answers are cached ({@link MongoStore#ownedCacheMillis}), and every change made here drops
 * what it touches before returning, so a removed member is refused at once. Hence one instance
 * per store: the cache knows only the changes made through it.
 *
 * <p>Thread-safe. {@link #addIfAbsent} is atomic through the unique {@code _id}.
 */
public final class Memberships {
    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    /** Someone who joined by a guest link: in this one space only, until the link ends. */
    public static final String GUEST = "guest";

    private final MongoCollection<Document> memberships;
    private final TtlCache<String, Membership> byId;

    public Memberships(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.memberships = db.getCollection("memberships");
        indexes.ascending(memberships, "spaceId");
        indexes.ascending(memberships, "userId");
        this.byId = new TtlCache<>(store.ownedCacheMillis(),
                id -> Optional.ofNullable(memberships.find(eq("_id", id)).first()).map(Memberships::fromDocument));
    }

    /** One user's membership of one space; role is owner, admin or member. */
    public record Membership(String spaceId, String userId, String role, Instant joinedAt) {
    }

    static String id(String spaceId, String userId) {
        return spaceId + ":" + userId;
    }

    public Optional<Membership> find(String spaceId, String userId) {
        return byId.get(id(spaceId, userId));
    }

    /**
     * Adds the membership unless the user is already a member (whose role is then left alone).
     *
     * @return true if this call added it
     */
    public boolean addIfAbsent(String spaceId, String userId, String role, Instant now) {
        try {
            memberships.insertOne(new Document("_id", id(spaceId, userId))
                    .append("spaceId", spaceId)
                    .append("userId", userId)
                    .append("role", role)
                    .append("joinedAt", Docs.date(Docs.millis(now))));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        } finally {
            changed(spaceId, userId);
        }
    }

    /** Adds the membership, or changes the role of an existing one. */
    public void put(String spaceId, String userId, String role, Instant now) {
        if (!addIfAbsent(spaceId, userId, role, now)) {
            setRole(spaceId, userId, role);
        }
    }

    /** @return whether the membership exists */
    public boolean setRole(String spaceId, String userId, String role) {
        try {
            return memberships.updateOne(eq("_id", id(spaceId, userId)), Updates.set("role", role))
                    .getMatchedCount() == 1;
        } finally {
            changed(spaceId, userId);
        }
    }

    /** @return whether a membership was removed */
    public boolean remove(String spaceId, String userId) {
        try {
            return memberships.deleteOne(eq("_id", id(spaceId, userId))).getDeletedCount() == 1;
        } finally {
            changed(spaceId, userId);
        }
    }

    /** The members of a space, in the order they joined. */
    public List<Membership> ofSpace(String spaceId) {
        return list(eq("spaceId", spaceId));
    }

    /** The spaces a user belongs to, in the order they joined. */
    public List<Membership> ofUser(String userId) {
        return list(eq("userId", userId));
    }

    /** The memberships of several users (one query), in the order they joined. */
    public List<Membership> ofUsers(Collection<String> userIds) {
        return userIds.isEmpty() ? List.of() : list(in("userId", userIds));
    }

    public long deleteAllOfSpace(String spaceId) {
        try {
            return memberships.deleteMany(eq("spaceId", spaceId)).getDeletedCount();
        } finally {
            byId.clear();
        }
    }

    public long deleteAllOfUser(String userId) {
        try {
            return memberships.deleteMany(eq("userId", userId)).getDeletedCount();
        } finally {
            byId.clear();
        }
    }

    /** Drops the cached membership after a change, even one that failed half-way. */
    private void changed(String spaceId, String userId) {
        byId.invalidate(id(spaceId, userId));
    }

    private List<Membership> list(Bson filter) {
        List<Membership> found = new ArrayList<>();
        memberships.find(filter).sort(Sorts.ascending("joinedAt", "_id")).forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    private static Membership fromDocument(Document d) {
        return new Membership(d.getString("spaceId"), d.getString("userId"), d.getString("role"),
                Docs.instant(d, "joinedAt"));
    }
}
