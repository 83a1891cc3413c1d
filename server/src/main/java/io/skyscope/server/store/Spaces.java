package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code spaces} collection: one document per space (an office map people walk around in),
 * {@code _id} = space id. A server has few spaces, so the queries that are not by id (public
 * spaces, spaces a user owns) are acceptable as scans on the embedded store.
 *
 * <p>{@link #find} is asked on every chat send (for the sender's role); on the embedded store its
 * answers are cached ({@link MongoStore#ownedCacheMillis}), and every change made here drops the
 * space's entry before returning (so one instance per store).
 *
 * <p>Thread-safe; the conditional updates ({@link #setOwnerIfNone}) are atomic.
 */
public final class Spaces {
    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    private final MongoCollection<Document> spaces;
    private final TtlCache<String, Space> byId;

    public Spaces(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.spaces = db.getCollection("spaces");
        indexes.ascending(spaces, "visibility");
        indexes.ascending(spaces, "ownerId");
        this.byId = new TtlCache<>(store.ownedCacheMillis(),
                id -> Optional.ofNullable(spaces.find(eq("_id", id)).first()).map(Spaces::fromDocument));
    }

    /** A space. {@code ownerId} is null only for the default space before an admin exists. */
    public record Space(String id, String name, String visibility, String ownerId, String mapId, int mapVersion,
                        Instant createdAt) {
        public boolean isPublic() {
            return PUBLIC.equals(visibility);
        }
    }

    /** Inserts a space with a new random id. */
    public Space create(String name, String visibility, String ownerId, String mapId, int mapVersion, Instant now) {
        Space space = new Space(Docs.newId(), name, visibility, ownerId, mapId, mapVersion, Docs.millis(now));
        try {
            spaces.insertOne(toDocument(space));
        } finally {
            byId.invalidate(space.id());
        }
        return space;
    }

    /**
     * Inserts a space with the given id unless one exists.
     *
     * @return true if this call inserted it
     */
    public boolean insertIfAbsent(Space space) {
        try {
            spaces.insertOne(toDocument(space));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        } finally {
            byId.invalidate(space.id());
        }
    }

    public Optional<Space> find(String spaceId) {
        return byId.get(spaceId);
    }

    /** Every public space, oldest first. */
    public List<Space> listPublic() {
        return list(eq("visibility", PUBLIC));
    }

    /** The spaces among {@code spaceIds} that exist, oldest first. */
    public List<Space> findByIds(Collection<String> spaceIds) {
        return spaceIds.isEmpty() ? List.of() : list(in("_id", spaceIds));
    }

    /** The versions of {@code mapId} that some space uses now. */
    public Set<Integer> versionsInUse(String mapId) {
        Set<Integer> versions = new HashSet<>();
        for (Space s : usingMap(mapId)) {
            versions.add(s.mapVersion());
        }
        return versions;
    }

    /** The spaces that use some version of {@code mapId} now, oldest first. */
    public List<Space> usingMap(String mapId) {
        return list(eq("mapId", mapId));
    }

    /** The spaces {@code userId} owns, oldest first. */
    public List<Space> ownedBy(String userId) {
        return list(eq("ownerId", userId));
    }

    /**
     * Makes {@code userId} the owner if the space has none, atomically.
     *
     * @return true if this call set the owner
     */
    public boolean setOwnerIfNone(String spaceId, String userId) {
        return update(spaceId, and(eq("_id", spaceId), eq("ownerId", null)), Updates.set("ownerId", userId))
                .getModifiedCount() == 1;
    }

    public boolean setOwner(String spaceId, String userId) {
        return update(spaceId, eq("_id", spaceId), Updates.set("ownerId", userId)).getMatchedCount() == 1;
    }

    public boolean setMap(String spaceId, String mapId, int mapVersion) {
        return update(spaceId, eq("_id", spaceId),
                Updates.combine(Updates.set("mapId", mapId), Updates.set("mapVersion", mapVersion)))
                .getMatchedCount() == 1;
    }

    /**
     * The voice settings a space overrides (a sub-document {@code voice} of the settings the owner
     * set), or empty if it uses the server's defaults.
     */
    public Optional<Document> voiceSettings(String spaceId) {
        Document d = spaces.find(eq("_id", spaceId)).projection(new Document("voice", 1)).first();
        return d == null ? Optional.empty() : Optional.ofNullable(d.get("voice", Document.class));
    }

    /** Replaces the voice settings a space overrides; an empty document means "all defaults". */
    public boolean setVoiceSettings(String spaceId, Document overrides) {
        Bson update = overrides.isEmpty() ? Updates.unset("voice") : Updates.set("voice", overrides);
        return update(spaceId, eq("_id", spaceId), update).getMatchedCount() == 1;
    }

    /** Who holds the stage speaker role in a space (kept while its owner thread sleeps or moves). */
    public java.util.Set<String> stageSpeakers(String spaceId) {
        Document d = spaces.find(eq("_id", spaceId)).projection(new Document("stageSpeakers", 1)).first();
        List<String> ids = d == null ? null : d.getList("stageSpeakers", String.class);
        return ids == null ? java.util.Set.of() : java.util.Set.copyOf(ids);
    }

    /** Grants or revokes the stage speaker role; false if there is no such space. */
    public boolean setStageSpeaker(String spaceId, String userId, boolean speaker) {
        Bson update = speaker ? Updates.addToSet("stageSpeakers", userId) : Updates.pull("stageSpeakers", userId);
        return update(spaceId, eq("_id", spaceId), update).getMatchedCount() == 1;
    }

    /** @return whether a space was deleted */
    public boolean delete(String spaceId) {
        try {
            return spaces.deleteOne(eq("_id", spaceId)).getDeletedCount() == 1;
        } finally {
            byId.invalidate(spaceId);
        }
    }

    /** Updates one space and drops its cached entry, even after a failure half-way. */
    private com.mongodb.client.result.UpdateResult update(String spaceId, Bson filter, Bson update) {
        try {
            return spaces.updateOne(filter, update);
        } finally {
            byId.invalidate(spaceId);
        }
    }

    private List<Space> list(Bson filter) {
        List<Space> found = new ArrayList<>();
        spaces.find(filter).sort(Sorts.ascending("createdAt", "_id")).forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    private static Document toDocument(Space s) {
        return new Document("_id", s.id())
                .append("name", s.name())
                .append("visibility", s.visibility())
                .append("ownerId", s.ownerId())
                .append("mapId", s.mapId())
                .append("mapVersion", s.mapVersion())
                .append("createdAt", Docs.date(s.createdAt()));
    }

    private static Space fromDocument(Document d) {
        return new Space(d.getString("_id"), d.getString("name"), d.getString("visibility"), d.getString("ownerId"),
                d.getString("mapId"), d.getInteger("mapVersion", 1), Docs.instant(d, "createdAt"));
    }
}
