package io.skyscope.server.notes;

import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.store.Notes;
import io.skyscope.server.ws.ClientSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One meeting room's notes open on this node: the document, who has it open (a session each,
 * with a name and the cursor they last showed), whether it changed since it was stored, and who
 * edited since the last saved version.
 *
 * <p>Other nodes may hold the same room open: what this node merges from its readers goes to them
 * through {@link NotesRelay}, and what they merged comes back the same way and is relayed to the
 * readers here. The store is written by merging: before each write this node merges the stored
 * copy if another node wrote since ({@link Notes#revision}), and a write replaces only the revision
 * it merged ({@link Notes#replace}), so whatever the bus lost arrives through the store.
 *
 * <p>Thread-safe: every method holds this object's lock, so every reader gets the changes in the
 * order they were merged. Frames are queued to sessions (never blocking) under the lock. The bus
 * thread calls {@link #fromNode}; session threads the rest; the flush thread {@link #sweep}.
 */
final class RoomNotes {
    private static final Logger LOG = LoggerFactory.getLogger(RoomNotes.class);
    /** Writes tried in a row when other nodes keep writing in between (each try merges their copy first). */
    private static final int STORE_TRIES = 5;

    private final String spaceId;
    private final String room;
    private final Notes store;
    private final NotesRelay relay;
    private final Clock clock;
    private final Map<String, Reader> readers = new LinkedHashMap<>();
    private final Set<String> editors = new LinkedHashSet<>();
    private NotesDocument doc;
    private boolean dirty;
    private long editingSinceMillis;
    /** The stored revision this copy has merged. */
    private long revision;
    private EventBus.Subscription fromNodes;

    private static final class Reader {
        final ClientSession session;
        final String name;
        String anchor;
        String head;

        Reader(ClientSession session, String name) {
            this.session = session;
            this.name = name;
        }
    }

    private RoomNotes(String spaceId, String room, Notes store, NotesRelay relay, Clock clock, NotesDocument doc,
                      long revision) {
        this.spaceId = spaceId;
        this.room = room;
        this.store = store;
        this.relay = relay;
        this.clock = clock;
        this.doc = doc;
        this.revision = revision;
    }

    /**
     * The stored notes of the room, or new empty ones (stored at once: clients build on its text
     * object; if another node stored the room's first document meanwhile, that one), listening to
     * what other nodes merge into them.
     */
    static RoomNotes load(String spaceId, String room, Notes store, NotesRelay relay, Clock clock) {
        RoomNotes notes = null;
        for (int tries = 0; notes == null && tries < 2; tries++) {
            var stored = store.loadRevision(spaceId, room);
            if (stored.isPresent()) {
                notes = new RoomNotes(spaceId, room, store, relay, clock, NotesDocument.load(stored.get().document()),
                        stored.get().revision());
            } else {
                NotesDocument fresh = NotesDocument.empty();
                if (store.create(spaceId, room, fresh.save(), 0, clock.instant())) {
                    notes = new RoomNotes(spaceId, room, store, relay, clock, fresh, 1);
                } else {
                    fresh.free();
                }
            }
        }
        if (notes == null) {
            throw new IllegalStateException("the notes of room '" + room + "' could neither be read nor stored");
        }
        RoomNotes loaded = notes;
        loaded.fromNodes = relay.subscribe(spaceId, room, loaded::fromNode);
        return loaded;
    }

    static String key(String spaceId, String room) {
        return spaceId + "\n" + room;
    }

    String key() {
        return key(spaceId, room);
    }

    String spaceId() {
        return spaceId;
    }

    String room() {
        return room;
    }

    synchronized boolean reads(String sessionId) {
        return readers.containsKey(sessionId);
    }

    /**
     * Adds a reader and sends the document (in parts) and the others' cursors; false if this
     * room was unloaded meanwhile (the caller loads it again).
     */
    synchronized boolean add(ClientSession session, String name, String ref) {
        if (doc == null) {
            return false;
        }
        readers.put(session.id(), new Reader(session, name));
        byte[] saved = doc.save();
        int parts = Math.max(1, (saved.length + Limits.MAX_NOTES_PART_BYTES - 1) / Limits.MAX_NOTES_PART_BYTES);
        for (int part = 0; part < parts; part++) {
            int from = part * Limits.MAX_NOTES_PART_BYTES;
            session.send(new NotesEvent.State(ref, room, part, parts,
                    Arrays.copyOfRange(saved, from, Math.min(saved.length, from + Limits.MAX_NOTES_PART_BYTES))));
        }
        for (Reader other : readers.values()) {
            if (other.session != session && other.anchor != null) {
                session.send(cursorOf(other));
            }
        }
        return true;
    }

    /**
     * Merges a reader's changes and relays what was new to the other readers still in the room
     * ({@code present}): never the client's bytes as sent.
     */
    synchronized void merge(ClientSession from, byte[] changes, List<String> present) {
        byte[] added = doc.merge(changes);
        if (added.length == 0) {
            return; // nothing new (sent again after a reconnect)
        }
        edited(readers.get(from.id()).name);
        relay.publish(spaceId, room, from.userId(), added);
        var update = new NotesEvent.Update(room, from.userId(), added);
        for (Reader reader : new ArrayList<>(readers.values())) {
            if (!present.contains(reader.session.userId())) {
                remove(reader.session.id(), "left_room");
            } else if (reader.session != from) {
                reader.session.send(update);
            }
        }
    }

    /**
     * Changes another node merged (an edit of {@code from}'s there, or a restore when null):
     * merged here and relayed to every reader here. On the bus thread.
     */
    synchronized void fromNode(String from, byte[] changes) {
        if (doc == null) {
            return;
        }
        byte[] added;
        try {
            added = doc.mergeFromNode(changes);
        } catch (RuntimeException e) {
            LOG.warn("space {}: notes changes from another node for room '{}' not merged: {}", spaceId, room,
                    e.toString());
            return;
        }
        if (added.length > 0) {
            // Stored here too: should the node it came from stop before storing it, it is not lost.
            dirty = true;
            toReaders(from, added);
        }
    }

    /** A reader's cursor, relayed to the others. */
    synchronized void cursor(ClientSession session, String anchor, String head) {
        Reader reader = readers.get(session.id());
        reader.anchor = anchor;
        reader.head = head;
        others(session, cursorOf(reader));
    }

    /** Sets the text back to a version (saving the current text as a version first) and relays the change to all. */
    synchronized void restore(Notes.Version version, String by) {
        saveVersion();
        doc.replaceText(version.text()).ifPresent(change -> {
            edited(by);
            relay.publish(spaceId, room, null, change);
            var update = new NotesEvent.Update(room, null, change);
            readers.values().forEach(r -> r.session.send(update));
        });
    }

    /** A reader goes: told why ({@code reason}, or nothing for a close they asked for); the others see their cursor go. */
    synchronized void remove(String sessionId, String reason) {
        Reader gone = readers.remove(sessionId);
        if (gone == null) {
            return;
        }
        if (reason != null) {
            gone.session.send(new NotesEvent.Closed(room, reason));
        }
        others(gone.session, new NotesEvent.Cursor(room, gone.session.userId(), gone.name, null, null));
        if (readers.isEmpty()) {
            // The last reader went: what they wrote becomes a version now (the flush thread unloads the room).
            saveVersion();
            store();
        }
    }

    /**
     * On the flush thread: drops readers who left the room or the space, stores the document if
     * it changed, saves a version after {@code versionEvery} of editing; with no reader left it
     * unloads, returning true.
     */
    synchronized boolean sweep(List<String> present, Duration versionEvery) {
        for (Reader reader : new ArrayList<>(readers.values())) {
            boolean away = !reader.session.isOpen() || !spaceId.equals(reader.session.spaceId());
            if (away || !present.contains(reader.session.userId())) {
                remove(reader.session.id(), away ? null : "left_room");
            }
        }
        if (readers.isEmpty()) {
            unload();
            return true;
        }
        if (!editors.isEmpty() && clock.millis() - editingSinceMillis >= versionEvery.toMillis()) {
            saveVersion();
        }
        store();
        return false;
    }

    /** Stores the document and a version of what was edited since the last one, and frees it. */
    synchronized void unload() {
        if (doc == null) {
            return;
        }
        fromNodes.close();
        saveVersion();
        store();
        doc.free();
        doc = null;
    }

    private void edited(String by) {
        if (editors.isEmpty()) {
            editingSinceMillis = clock.millis();
        }
        editors.add(by);
        dirty = true;
    }

    private void saveVersion() {
        if (!editors.isEmpty()) {
            store.addVersion(spaceId, room, doc.text(), List.copyOf(editors), clock.instant(), Limits.MAX_NOTES_VERSIONS);
            editors.clear();
        }
    }

    /**
     * Merges the stored copy if another node wrote it since this one last merged it (relaying
     * what was new to the readers here), then writes this copy if it changed, as the revision
     * after the one merged; if another node wrote in between, merges again and retries.
     */
    private void store() {
        for (int tries = 0; tries < STORE_TRIES; tries++) {
            if (store.revision(spaceId, room) != revision) {
                store.loadRevision(spaceId, room).ifPresent(stored -> {
                    byte[] added = doc.mergeSaved(stored.document());
                    revision = stored.revision();
                    toReaders(null, added);
                });
            }
            if (!dirty) {
                return;
            }
            if (store.replace(spaceId, room, doc.save(), (int) doc.length(), clock.instant(), revision)) {
                revision++;
                dirty = false;
                return;
            }
        }
        LOG.warn("space {}: notes of room '{}' not stored: other nodes kept writing; the next flush tries again",
                spaceId, room);
    }

    /** Changes merged from elsewhere (another node, the store), sent to every reader here. */
    private void toReaders(String from, byte[] added) {
        if (added.length == 0) {
            return;
        }
        var update = new NotesEvent.Update(room, from, added);
        readers.values().forEach(r -> r.session.send(update));
    }

    private NotesEvent.Cursor cursorOf(Reader reader) {
        return new NotesEvent.Cursor(room, reader.session.userId(), reader.name, reader.anchor, reader.head);
    }

    private void others(ClientSession except, NotesEvent event) {
        for (Reader reader : readers.values()) {
            if (reader.session != except) {
                reader.session.send(event);
            }
        }
    }
}
