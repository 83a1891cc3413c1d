package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The {@code desks} collection: one document per held desk ({@code _id} = space id, a newline, the
 * desk's name; a free desk has none), with its holder, who gave it, and the unread notes left on
 * it; and {@code desk_settings}, one document per account that set one ({@code _id} = user id).
 *
 * <p>One desk per person per space rests on a unique index on {@code holderKey} (space id, a
 * newline, the holder's id); one holder per desk on {@code _id}. A desk's notes live in its
 * document, so freeing the desk drops them, and the cap on their number is part of the update that
 * adds one. Lookups go by {@code _id} or a unique index only (the embedded store scans otherwise).
 * Thread-safe.
 */
public final class Desks {
    private final MongoCollection<Document> desks;
    private final MongoCollection<Document> settings;

    public Desks(MongoStore store) {
        MongoDatabase db = store.database();
        this.desks = db.getCollection("desks");
        this.settings = db.getCollection("desk_settings");
        store.indexes().unique(desks, "holderKey");
    }

    /** A desk someone holds, and the notes waiting on it, oldest first. */
    public record Held(String spaceId, String desk, String holderId, Instant since, String assignedBy,
                       List<StoredNote> notes) {
        public Held {
            notes = List.copyOf(notes);
        }
    }

    public record StoredNote(String id, String fromId, String fromName, String text, Instant at) {
    }

    public enum Claim { CLAIMED, DESK_TAKEN, HAS_DESK }

    /** Gives the desk to {@code holderId} unless someone holds it or they hold another desk in the space. */
    public Claim claim(String spaceId, String desk, String holderId, String by, Instant now) {
        try {
            desks.insertOne(new Document("_id", key(spaceId, desk))
                    .append("spaceId", spaceId)
                    .append("desk", desk)
                    .append("holderId", holderId)
                    .append("holderKey", key(spaceId, holderId))
                    .append("since", Docs.date(Docs.millis(now)))
                    .append("assignedBy", by.equals(holderId) ? null : by)
                    .append("notes", List.of()));
            return Claim.CLAIMED;
        } catch (MongoWriteException e) {
            if (!Docs.isDuplicateKey(e)) {
                throw e;
            }
            return find(spaceId, desk).isPresent() ? Claim.DESK_TAKEN : Claim.HAS_DESK;
        }
    }

    public Optional<Held> find(String spaceId, String desk) {
        return Optional.ofNullable(desks.find(eq("_id", key(spaceId, desk))).first()).map(Desks::held);
    }

    /** The desk the user holds in the space, if any. */
    public Optional<Held> ofHolder(String spaceId, String holderId) {
        return Optional.ofNullable(desks.find(eq("holderKey", key(spaceId, holderId))).first()).map(Desks::held);
    }

    /** The held desks among {@code deskNames} (a map's desks), in no particular order. */
    public List<Held> held(String spaceId, Collection<String> deskNames) {
        if (deskNames.isEmpty()) {
            return List.of();
        }
        List<String> ids = deskNames.stream().map(d -> key(spaceId, d)).toList();
        return desks.find(in("_id", ids)).map(Desks::held).into(new ArrayList<>());
    }

    /** Frees the desk if {@code holderId} still holds it; its notes go with it. */
    public boolean free(String spaceId, String desk, String holderId) {
        return desks.deleteOne(and(eq("_id", key(spaceId, desk)), eq("holderId", holderId))).getDeletedCount() > 0;
    }

    /**
     * Adds a note to the desk if {@code holderId} still holds it and it has fewer than {@code max}
     * notes; empty otherwise.
     */
    public Optional<StoredNote> addNote(String spaceId, String desk, String holderId, String fromId, String fromName,
                                        String text, Instant now, int max) {
        StoredNote note = new StoredNote(Docs.newId(), fromId, fromName, text, Docs.millis(now));
        Document stored = new Document("id", note.id()).append("fromId", fromId).append("fromName", fromName)
                .append("text", text).append("at", Docs.date(note.at()));
        long added = desks.updateOne(and(eq("_id", key(spaceId, desk)), eq("holderId", holderId),
                        exists("notes." + (max - 1), false)),
                Updates.push("notes", stored)).getModifiedCount();
        return added > 0 ? Optional.of(note) : Optional.empty();
    }

    /** Deletes these notes from the desk {@code holderId} holds; returns how many went. */
    public int removeNotes(String spaceId, String desk, String holderId, Collection<String> noteIds) {
        var filter = and(eq("_id", key(spaceId, desk)), eq("holderId", holderId));
        Document before = desks.findOneAndUpdate(filter, Updates.pull("notes", Filters.in("id", noteIds)));
        if (before == null) {
            return 0;
        }
        return (int) held(before).notes().stream().filter(n -> noteIds.contains(n.id())).count();
    }

    /** Whether the user starts at their desk when entering a space (off unless they turned it on). */
    public boolean goToDesk(String userId) {
        Document found = settings.find(eq("_id", userId)).first();
        return found != null && found.getBoolean("goToDesk", false);
    }

    public void setGoToDesk(String userId, boolean on) {
        settings.replaceOne(eq("_id", userId), new Document("_id", userId).append("goToDesk", on),
                new ReplaceOptions().upsert(true));
    }

    private static Held held(Document d) {
        List<StoredNote> notes = new ArrayList<>();
        for (Document n : d.getList("notes", Document.class, List.of())) {
            notes.add(new StoredNote(n.getString("id"), n.getString("fromId"), n.getString("fromName"),
                    n.getString("text"), Docs.instant(n, "at")));
        }
        return new Held(d.getString("spaceId"), d.getString("desk"), d.getString("holderId"),
                Docs.instant(d, "since"), d.getString("assignedBy"), notes);
    }

    private static String key(String spaceId, String name) {
        return spaceId + "\n" + name;
    }
}
