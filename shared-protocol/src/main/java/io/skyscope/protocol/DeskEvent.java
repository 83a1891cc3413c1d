package io.skyscope.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The desks family of server messages (see {@link DeskCommand}). Listed in {@link
 * ServerMessage}'s subtype list like every other message.
 */
public sealed interface DeskEvent extends ServerMessage {

    /**
     * Who holds a desk: their id, display name and the version of their profile photo ({@code
     * photo}, null without one; the picture is {@code GET /api/v1/users/{userId}/photo}), and since when.
     */
    record Holder(String desk, String userId, String displayName, String photo, Instant since) {
    }

    /** A note left on my desk while I was away. */
    record Note(String id, String desk, String fromUserId, String fromName, String text, Instant at) {
    }

    /**
     * The answer to {@code desk.list}: every desk someone holds (desks the map marks that are not
     * listed are free), the desk I hold ({@code mine}, null if none), the notes waiting on it
     * (oldest first), and my {@code goToDesk} setting.
     */
    record Desks(String ref, List<Holder> desks, String mine, List<Note> notes, boolean goToDesk)
            implements DeskEvent {
        public Desks {
            desks = desks == null ? List.of() : List.copyOf(desks);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    /**
     * A desk changed hands; sent to everyone in the space. {@code holder} is its new holder, or null
     * when it was freed; {@code byUserId} is who did it.
     */
    record Changed(String desk, Holder holder, String byUserId) implements DeskEvent {
    }
}
