package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Who follows whom. {@code follows}: one document per pair, {@code _id} =
 * {@code followerId + ">" + followedId}, so following twice is one follow and checking a pair is a
 * lookup by id; listing a person's followers or followings scans on the embedded store (and uses
 * an index on a real MongoDB). {@code followSettings}: per user ({@code _id} = user id) whether
 * others may follow them ({@code followable}, true when absent). {@code followAlerts}: when each
 * kind of follow notification about a person last went out ({@code _id} = the alert's key), so
 * that every node debounces alike.
 *
 * <p>Thread-safe; uniqueness comes from the {@code _id}s.
 */
public final class Follows {
    private final MongoCollection<Document> follows;
    private final MongoCollection<Document> settings;
    private final MongoCollection<Document> alerts;

    public Follows(MongoStore store) {
        var db = store.database();
        this.follows = db.getCollection("follows");
        this.settings = db.getCollection("followSettings");
        this.alerts = db.getCollection("followAlerts");
        store.indexes().ascending(follows, "follower");
        store.indexes().ascending(follows, "followed");
    }

    private static String id(String followerId, String followedId) {
        return followerId + ">" + followedId;
    }

    /** Records that one follows the other; false if they already did. */
    public boolean add(String followerId, String followedId, Instant at) {
        try {
            follows.insertOne(new Document("_id", id(followerId, followedId)).append("follower", followerId)
                    .append("followed", followedId).append("at", Docs.date(at)));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** False if they did not follow. */
    public boolean remove(String followerId, String followedId) {
        return follows.deleteOne(eq("_id", id(followerId, followedId))).getDeletedCount() > 0;
    }

    public boolean isFollowing(String followerId, String followedId) {
        return follows.find(eq("_id", id(followerId, followedId))).first() != null;
    }

    /** Whom the user follows, most recently followed first, at most {@code limit}. */
    public List<String> following(String followerId, int limit) {
        List<String> ids = new ArrayList<>();
        follows.find(eq("follower", followerId)).sort(Sorts.descending("at")).limit(limit)
                .projection(Projections.include("followed")).forEach(d -> ids.add(d.getString("followed")));
        return ids;
    }

    /** Who follows the user, at most {@code limit}. */
    public List<String> followers(String followedId, int limit) {
        List<String> ids = new ArrayList<>();
        follows.find(eq("followed", followedId)).limit(limit).projection(Projections.include("follower"))
                .forEach(d -> ids.add(d.getString("follower")));
        return ids;
    }

    public long countFollowing(String followerId) {
        return follows.countDocuments(eq("follower", followerId));
    }

    public long countFollowers(String followedId) {
        return follows.countDocuments(eq("followed", followedId));
    }

    /** Removes everyone who follows the user; returns how many did. */
    public long removeFollowers(String followedId) {
        return follows.deleteMany(eq("followed", followedId)).getDeletedCount();
    }

    /** Everything of a deleted account: its follows both ways, its setting. */
    public void forget(String userId) {
        follows.deleteMany(or(eq("follower", userId), eq("followed", userId)));
        settings.deleteOne(eq("_id", userId));
    }

    public boolean followable(String userId) {
        Document d = settings.find(eq("_id", userId)).first();
        return d == null || d.getBoolean("followable", true);
    }

    public void setFollowable(String userId, boolean followable) {
        settings.updateOne(eq("_id", userId), Updates.set("followable", followable), new UpdateOptions().upsert(true));
    }

    /**
     * Claims the alert {@code key} unless it was claimed less than {@code every} ago: true means
     * "send it now". Atomic across nodes: the first claim inserts, a later one succeeds only by
     * moving a time older than the window.
     */
    public boolean claimAlert(String key, Instant now, Duration every) {
        try {
            alerts.insertOne(new Document("_id", key).append("at", Docs.date(now)));
            return true;
        } catch (MongoWriteException e) {
            if (!Docs.isDuplicateKey(e)) {
                throw e;
            }
        }
        return alerts.updateOne(and(eq("_id", key), lt("at", Docs.date(now.minus(every)))),
                Updates.set("at", Docs.date(now))).getModifiedCount() > 0;
    }
}
