package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * The notes family of client messages: the shared notes document of a meeting room, edited by
 * everyone in the room at once. The document is an Automerge document whose root holds one text
 * object, {@code text}; clients send Automerge changes and the server merges, stores and relays
 * them. {@code room} names the meeting room (its area name in the map); the sender must stand in
 * it right now.
 */
public sealed interface NotesCommand extends ClientMessage {

    /** The meeting room the message is about. */
    String room();

    /**
     * Open the room's notes: answered by {@code notes.state} (the whole document, in parts) and
     * the cursors of the others who have it open; then {@code notes.update} and {@code
     * notes.cursor} arrive while I stay in the room.
     */
    record Open(@JsonProperty(required = true) String room, String ref) implements NotesCommand {
        public Open {
            NotesChecks.room(room);
            Check.ref(ref);
        }
    }

    /**
     * Automerge changes made here ({@code changes}: whole, uncompressed change chunks with valid
     * checksums ({@link NotesChanges}), base64 in JSON, at most {@link Limits#MAX_NOTES_UPDATE_BYTES}
     * decoded). Merged and relayed
     * to the others; no reply unless refused.
     */
    record Update(@JsonProperty(required = true) String room,
                  @JsonProperty(required = true) byte[] changes,
                  String ref) implements NotesCommand {
        public Update {
            NotesChecks.room(room);
            Check.required("changes", changes);
            if (changes.length == 0 || changes.length > Limits.MAX_NOTES_UPDATE_BYTES) {
                throw new InvalidFieldException("changes", "'changes' must hold 1 to " + Limits.MAX_NOTES_UPDATE_BYTES
                        + " bytes; it holds " + changes.length);
            }
            try {
                NotesChanges.hashes(changes);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("changes", "'changes' must be Automerge changes: " + e.getMessage());
            }
            Check.ref(ref);
        }
    }

    /**
     * My selection, from {@code anchor} to {@code head} (equal for a plain cursor), as Automerge
     * cursors ({@code <counter>@<actor>}) or {@code end} (after the last character); both null
     * when I no longer show one. Relayed to the others, not stored; no reply unless refused.
     */
    record Cursor(@JsonProperty(required = true) String room, String anchor, String head, String ref)
            implements NotesCommand {
        public Cursor {
            NotesChecks.room(room);
            NotesChecks.position("anchor", anchor);
            NotesChecks.position("head", head);
            if ((anchor == null) != (head == null)) {
                throw new InvalidFieldException(anchor == null ? "anchor" : "head",
                        "'anchor' and 'head' are both set or both null");
            }
            Check.ref(ref);
        }
    }

    /** Close the room's notes: no more updates; the others see my cursor go. Answered by {@code ack}. */
    record Close(@JsonProperty(required = true) String room, String ref) implements NotesCommand {
        public Close {
            NotesChecks.room(room);
            Check.ref(ref);
        }
    }

    /** List the saved versions of the room's notes, newest first; answered by {@code notes.versions}. */
    record Versions(@JsonProperty(required = true) String room, String ref) implements NotesCommand {
        public Versions {
            NotesChecks.room(room);
            Check.ref(ref);
        }
    }

    /**
     * Set the text back to a saved version. The server makes it a change like any edit (so it
     * merges with edits in flight), relays it to everyone with the notes open, and answers with
     * {@code ack}. The text before the restore is saved as a version first.
     */
    record Restore(@JsonProperty(required = true) String room,
                   @JsonProperty(required = true) String versionId,
                   String ref) implements NotesCommand {
        public Restore {
            NotesChecks.room(room);
            Check.token("versionId", versionId, 1, Limits.MAX_ID_LENGTH);
            Check.ref(ref);
        }
    }

    /** Field checks of this family. */
    final class NotesChecks {
        private static final Pattern CURSOR = Pattern.compile("end|[0-9]{1,19}@[0-9a-f]{2,64}");

        private NotesChecks() {
        }

        static void room(String room) {
            Check.text("room", room, 1, Limits.MAX_ROOM_NAME);
        }

        static void position(String field, String value) {
            if (value != null && !CURSOR.matcher(value).matches()) {
                throw new InvalidFieldException(field, "'" + field + "' must be an Automerge cursor or 'end'");
            }
        }
    }
}
