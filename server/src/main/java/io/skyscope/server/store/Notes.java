package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
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

    /** The stored Automerge document of a room's notes, if any. */
    public Optional<byte[]> load(String spaceId, String room) {
        Document found = notes.find(eq("_id", key(spaceId, room))).first();
        return Optional.ofNullable(found).map(d -> d.get("doc", Binary.class).getData());
    }

    /** Stores the document (replacing the one before) with its text length for operators. */
    public void save(String spaceId, String room, byte[] document, int textLength, Instant now) {
        notes.replaceOne(eq("_id", key(spaceId, room)), new Document("_id", key(spaceId, room))
                .append("spaceId", spaceId)
                .append("room", room)
                .append("doc", new Binary(document))
                .append("length", textLength)
                .append("updatedAt", Docs.date(now)), new ReplaceOptions().upsert(true));
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
