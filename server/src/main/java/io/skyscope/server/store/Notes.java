package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The {@code notes} collection (one Automerge document per meeting room, {@code _id} = space id,
 * a newline, the room's name) and {@code notes_versions} (saved texts of a room's notes, newest
 * kept, at most {@code keep} per room). Thread-safe.
 *
 * <p>Each stored document carries a revision ({@code rev}, 0 for one stored before revisions),
 * raised by every write. Several nodes may hold a room's notes at once, so a write replaces only
 * the revision its writer merged last ({@link #replace}); a writer that lost the race merges the
 * newer copy and tries again, and nothing anyone wrote is replaced unseen.
 */
public final class Notes {
    private final MongoCollection<Document> notes;
    private final MongoCollection<Document> versions;

    public Notes(MongoStore store) {
        MongoDatabase db = store.database();
        this.notes = db.getCollection("notes");
        this.versions = db.getCollection("notes_versions");
        store.indexes().ascending(versions, "noteId", "savedAt");
    }

    /** A saved version of a room's notes. */
    public record Version(String id, Instant savedAt, String text, List<String> editors) {
        public Version {
            editors = List.copyOf(editors);
        }
    }

    /** A stored document and its revision. */
    public record Stored(byte[] document, long revision) {
    }

    /** The stored Automerge document of a room's notes, if any. */
    public Optional<byte[]> load(String spaceId, String room) {
        return loadRevision(spaceId, room).map(Stored::document);
    }

    /** The stored document of a room's notes and its revision, if any. */
    public Optional<Stored> loadRevision(String spaceId, String room) {
        Document found = notes.find(eq("_id", key(spaceId, room))).first();
        return Optional.ofNullable(found).map(d -> new Stored(d.get("doc", Binary.class).getData(), revisionOf(d)));
    }

    /** The revision of the stored document, or -1 if there is none; reads nothing else. */
    public long revision(String spaceId, String room) {
        Document found = notes.find(eq("_id", key(spaceId, room))).projection(new Document("rev", 1)).first();
        return found == null ? -1 : revisionOf(found);
    }

    /** Stores a room's first document as revision 1; false if another writer stored one first. */
    public boolean create(String spaceId, String room, byte[] document, int textLength, Instant now) {
        try {
            notes.insertOne(entry(spaceId, room, document, textLength, now, 1));
            return true;
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores the document as revision {@code revision + 1} if the stored one is still {@code
     * revision}; false if another writer stored a newer one meanwhile (merge it and try again).
     */
    public boolean replace(String spaceId, String room, byte[] document, int textLength, Instant now, long revision) {
        var current = revision == 0 ? or(eq("rev", 0L), exists("rev", false)) : eq("rev", revision);
        return notes.replaceOne(and(eq("_id", key(spaceId, room)), current),
                entry(spaceId, room, document, textLength, now, revision + 1)).getMatchedCount() > 0;
    }

    private static Document entry(String spaceId, String room, byte[] document, int textLength, Instant now,
                                  long revision) {
        return new Document("_id", key(spaceId, room))
                .append("spaceId", spaceId)
                .append("room", room)
                .append("doc", new Binary(document))
                .append("length", textLength)
                .append("rev", revision)
                .append("updatedAt", Docs.date(now));
    }

    private static long revisionOf(Document d) {
        Number rev = d.get("rev", Number.class);
        return rev == null ? 0 : rev.longValue();
    }

    /** Saves a version and drops the oldest beyond {@code keep}; returns it. */
    public Version addVersion(String spaceId, String room, String text, List<String> editors, Instant now, int keep) {
        Version version = new Version(Docs.newId(), Docs.millis(now), text, editors);
        String noteId = key(spaceId, room);
        versions.insertOne(new Document("_id", version.id())
                .append("noteId", noteId)
                .append("savedAt", Docs.date(version.savedAt()))
                .append("text", text)
                .append("editors", version.editors()));
        List<Document> all = versions.find(eq("noteId", noteId)).projection(new Document("_id", 1))
                .sort(Sorts.descending("savedAt", "_id")).into(new ArrayList<>());
        for (Document old : all.subList(Math.min(keep, all.size()), all.size())) {
            versions.deleteOne(eq("_id", old.getString("_id")));
        }
        return version;
    }

    /** The saved versions of a room's notes, newest first. */
    public List<Version> versions(String spaceId, String room) {
        return versions.find(eq("noteId", key(spaceId, room))).sort(Sorts.descending("savedAt", "_id"))
                .map(Notes::version).into(new ArrayList<>());
    }

    public Optional<Version> version(String spaceId, String room, String versionId) {
        return Optional.ofNullable(versions.find(and(eq("_id", versionId), eq("noteId", key(spaceId, room)))).first())
                .map(Notes::version);
    }

    private static Version version(Document d) {
        return new Version(d.getString("_id"), d.getDate("savedAt").toInstant(), d.getString("text"),
                d.getList("editors", String.class));
    }

    private static String key(String spaceId, String room) {
        return spaceId + "\n" + room;
    }
}
