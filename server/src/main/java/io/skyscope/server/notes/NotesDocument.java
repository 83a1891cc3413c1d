package io.skyscope.server.notes;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesChanges;
import io.skyscope.server.Refused;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.automerge.Transaction;

/**
 * One room's notes as the server holds them: an Automerge document whose root key {@code text}
 * is a text object. Changes from clients are merged as they come; one that would take the text
 * past {@link Limits#MAX_NOTES_TEXT} characters or the saved document past {@link
 * Limits#MAX_NOTES_STATE_BYTES} is undone (the document goes back to its heads before it) and
 * refused with {@code notes_too_large}; so is one that builds on changes the server lacks.
 *
 * <p>Not thread-safe: its {@link RoomNotes} calls it under its own lock. Owns native memory,
 * released by {@link #free}.
 */
final class NotesDocument {
    private Document doc;
    private final ObjectId text;
    /** Bytes of the last save; the state cap is checked against it and the changes merged since. */
    private long savedBytes;
    private long mergedSinceSave;

    private NotesDocument(Document doc, ObjectId text, long savedBytes) {
        this.doc = doc;
        this.text = text;
        this.savedBytes = savedBytes;
    }

    /** An empty document: the text object is made here, once, and every client merges into it. */
    static NotesDocument empty() {
        Document doc = new Document();
        ObjectId text;
        try (Transaction tx = doc.startTransaction()) {
            text = tx.set(ObjectId.ROOT, "text", ObjectType.TEXT);
            tx.commit();
        }
        return new NotesDocument(doc, text, 0);
    }

    /** A stored document; throws IllegalStateException if it holds no text object at {@code text}. */
    static NotesDocument load(byte[] saved) {
        Document doc = Document.load(saved);
        return new NotesDocument(doc, textOf(doc).orElseThrow(() -> {
            doc.free();
            return new IllegalStateException("stored notes have no text object");
        }), saved.length);
    }

    /** The id of the text object under the root key {@code text}, if there is one. */
    static Optional<ObjectId> textOf(Document doc) {
        return doc.get(ObjectId.ROOT, "text").filter(AmValue.Text.class::isInstance)
                .map(v -> ((AmValue.Text) v).getId());
    }

    /**
     * Merges changes from a client and returns the ones that were new here (what the others need;
     * empty if the client sent only changes the server had). Refused, and undone, if a change
     * builds on changes the server does not have (Automerge would hold it back unseen, in memory,
     * for as long as the room is open), if they touch anything but the text object (replacing it
     * would cut everyone else off), or if they break a cap. {@code changes} are whole change
     * chunks with valid checksums (checked when the message was read).
     */
    byte[] merge(byte[] changes) {
        ChangeHash[] before = doc.getHeads();
        try {
            doc.applyEncodedChanges(changes);
        } catch (RuntimeException e) {
            throw Refused.badRequest("changes", "'changes' are not Automerge changes: " + e.getMessage());
        }
        byte[] added = doc.encodeChangesSince(before);
        Set<String> applied = new HashSet<>();
        NotesChanges.hashes(added).forEach(h -> applied.add(HexFormat.of().formatHex(h)));
        for (byte[] hash : NotesChanges.hashes(changes)) {
            if (!applied.contains(HexFormat.of().formatHex(hash)) && !had(hash)) {
                undo(before);
                throw new Refused(ErrorCode.BAD_REQUEST, "'changes' build on changes the server does not have;"
                        + " open the notes again and send what it lacks", "changes", null);
            }
        }
        if (!textOf(doc).equals(Optional.of(text)) || doc.keys(ObjectId.ROOT).map(k -> k.length != 1).orElse(true)) {
            undo(before);
            throw new Refused(ErrorCode.BAD_REQUEST, "'changes' may only edit the notes' text", "changes", null);
        }
        mergedSinceSave += added.length;
        long length = length();
        if (length > Limits.MAX_NOTES_TEXT || savedBytes + mergedSinceSave > Limits.MAX_NOTES_STATE_BYTES
                && save().length > Limits.MAX_NOTES_STATE_BYTES) {
            undo(before);
            throw new Refused(ErrorCode.NOTES_TOO_LARGE, length > Limits.MAX_NOTES_TEXT
                    ? "the notes would be " + length + " characters long; at most " + Limits.MAX_NOTES_TEXT + " fit"
                    : "the notes' history is full (" + Limits.MAX_NOTES_STATE_BYTES + " bytes)", "changes", null);
        }
        return added;
    }

    /**
     * Merges changes another node merged (and checked) already; returns the ones that were new
     * here. A change that builds on changes this node lacks waits inside Automerge until they
     * arrive (from the store's copy, which the flush merges), and is returned then.
     */
    byte[] mergeFromNode(byte[] changes) {
        ChangeHash[] before = doc.getHeads();
        doc.applyEncodedChanges(changes);
        return added(before);
    }

    /** Merges a saved document (the store's copy, written by another node); returns the changes that were new here. */
    byte[] mergeSaved(byte[] saved) {
        ChangeHash[] before = doc.getHeads();
        Document other = Document.load(saved);
        try {
            doc.merge(other);
        } finally {
            other.free();
        }
        return added(before);
    }

    private byte[] added(ChangeHash[] before) {
        byte[] added = doc.encodeChangesSince(before);
        mergedSinceSave += added.length;
        return added;
    }

    /**
     * Whether the change with this hash is part of the document's history: seen from it, the
     * document has its text object (every change clients make builds on the one that made it); seen
     * from a hash the document does not know, Automerge shows an empty document. The binding makes
     * hashes only from a document's heads, so the hash is wrapped in a subclass of its own.
     */
    private boolean had(byte[] hash) {
        return doc.get(ObjectId.ROOT, "text", new ChangeHash[] {new ChangeHash(hash) { }}).isPresent();
    }

    /** Back to {@code heads}: drops what was merged since, and anything Automerge held back. */
    private void undo(ChangeHash[] heads) {
        Document back = doc.fork(heads);
        doc.free();
        doc = back;
    }

    /**
     * Makes the text {@code wanted} with one change (what differs between the two, so it merges
     * with concurrent edits like any edit) and returns that change encoded, or empty if equal.
     */
    Optional<byte[]> replaceText(String wanted) {
        String current = text();
        int prefix = 0;
        int max = Math.min(current.length(), wanted.length());
        while (prefix < max && current.charAt(prefix) == wanted.charAt(prefix)) {
            prefix++;
        }
        if (prefix > 0 && Character.isHighSurrogate(current.charAt(prefix - 1))) {
            prefix--;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && current.charAt(current.length() - 1 - suffix) == wanted.charAt(wanted.length() - 1 - suffix)) {
            suffix++;
        }
        if (suffix > 0 && Character.isLowSurrogate(current.charAt(current.length() - suffix))) {
            suffix--;
        }
        if (prefix == current.length() && prefix == wanted.length()) {
            return Optional.empty();
        }
        ChangeHash[] before = doc.getHeads();
        // Automerge counts text positions in code points.
        long start = current.codePointCount(0, prefix);
        long deleted = current.codePointCount(prefix, current.length() - suffix);
        try (Transaction tx = doc.startTransaction()) {
            tx.spliceText(text, start, deleted, wanted.substring(prefix, wanted.length() - suffix));
            tx.commit();
        }
        byte[] change = doc.encodeChangesSince(before);
        mergedSinceSave += change.length;
        return Optional.of(change);
    }

    String text() {
        return doc.text(text).orElse("");
    }

    long length() {
        return doc.length(text);
    }

    byte[] save() {
        byte[] saved = doc.save();
        savedBytes = saved.length;
        mergedSinceSave = 0;
        return saved;
    }

    void free() {
        doc.free();
    }
}
