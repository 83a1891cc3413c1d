package io.skyscope.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The notes family of server messages (see {@link NotesCommand}). Listed in {@link
 * ServerMessage}'s subtype list like every other message.
 */
public sealed interface NotesEvent extends ServerMessage {

    /**
     * The whole document as Automerge saves it, in {@code parts} frames of at most {@link
     * Limits#MAX_NOTES_PART_BYTES} bytes each ({@code part} counts from 0); the answer to {@code
     * notes.open}, all parts carrying its {@code ref}.
     */
    record State(String ref, String room, int part, int parts, byte[] data) implements NotesEvent {
    }

    /** Changes someone else made ({@code from}: their user id; null for a restore). */
    record Update(String room, String from, byte[] changes) implements NotesEvent {
    }

    /**
     * Where someone with the notes open has their cursor and selection ({@code anchor}, {@code
     * head}: Automerge cursors or {@code end}); both null when they closed the notes or left.
     */
    record Cursor(String room, String userId, String displayName, String anchor, String head)
            implements NotesEvent {
    }

    /** The notes were closed for me: {@code reason} {@code left_room} (I walked out of the room). */
    record Closed(String room, String reason) implements NotesEvent {
    }

    /** One saved version: when, how long its text is (characters), who had edited since the one before. */
    record Version(String id, Instant savedAt, int length, List<String> editors) {
        public Version {
            editors = List.copyOf(editors);
        }
    }

    /** The answer to {@code notes.versions}: newest first. */
    record Versions(String ref, String room, List<Version> versions) implements NotesEvent {
        public Versions {
            versions = List.copyOf(versions);
        }
    }
}
