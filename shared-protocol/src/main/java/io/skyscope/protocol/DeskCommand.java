package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The desks family of client messages: the desks a space's map marks, who holds each, notes left
 * on a desk while its holder is away, and whether I start at my desk. Listed in {@link
 * ClientMessage}'s subtype list like every other message. Desks are named as the map names them;
 * each message is about the space the connection has joined ({@code desk.settings} excepted).
 * Answered by {@code ack} (or {@code desks} for {@code desk.list}), or by an {@code error} naming
 * what was wrong.
 */
public sealed interface DeskCommand extends ClientMessage {

    /** Who holds which desk, my desk's notes and my settings; answered by {@code desks}. */
    record ListDesks(String ref) implements DeskCommand {
        public ListDesks {
            Check.ref(ref);
        }
    }

    /** Make a free desk mine; I may hold one desk per space. */
    record Claim(@JsonProperty(required = true) String desk, String ref) implements DeskCommand {
        public Claim {
            DeskChecks.desk(desk);
            Check.ref(ref);
        }
    }

    /** Free a desk: my own, or (owners and admins) anyone's. Its unread notes go with it. */
    record Free(@JsonProperty(required = true) String desk, String ref) implements DeskCommand {
        public Free {
            DeskChecks.desk(desk);
            Check.ref(ref);
        }
    }

    /** Give a free desk to a member of the space (owners and admins); a desk they held is freed. */
    record Assign(@JsonProperty(required = true) String desk,
                  @JsonProperty(required = true) String userId,
                  String ref) implements DeskCommand {
        public Assign {
            DeskChecks.desk(desk);
            Check.text("userId", userId, 1, Limits.MAX_ID_LENGTH);
            Check.ref(ref);
        }
    }

    /** Leave a note on a desk whose holder is not in the space right now. */
    record Note(@JsonProperty(required = true) String desk,
                @JsonProperty(required = true) String text,
                String ref) implements DeskCommand {
        public Note {
            DeskChecks.desk(desk);
            Check.text("text", text, 1, Limits.MAX_DESK_NOTE_TEXT);
            if (text.isBlank()) {
                throw new InvalidFieldException("text", "'text' must not be blank");
            }
            Check.ref(ref);
        }
    }

    /** I have read these notes on my desk: they are deleted. */
    record NotesRead(@JsonProperty(required = true) List<String> noteIds, String ref) implements DeskCommand {
        public NotesRead {
            Check.required("noteIds", noteIds);
            if (noteIds.isEmpty() || noteIds.size() > Limits.MAX_DESK_NOTES) {
                throw new InvalidFieldException("noteIds", "'noteIds' must name 1 to " + Limits.MAX_DESK_NOTES
                        + " notes, got " + noteIds.size());
            }
            for (String id : noteIds) {
                Check.token("noteIds", id, 1, Limits.MAX_ID_LENGTH);
            }
            noteIds = List.copyOf(noteIds);
            Check.ref(ref);
        }
    }

    /** My account's desk settings: {@code goToDesk}, start at my desk when I enter a space. */
    record Settings(@JsonProperty(required = true) boolean goToDesk, String ref) implements DeskCommand {
        public Settings {
            Check.ref(ref);
        }
    }

    /** Field checks of this family. */
    final class DeskChecks {
        private DeskChecks() {
        }

        static void desk(String desk) {
            Check.text("desk", desk, 1, Limits.MAX_DESK_NAME);
        }
    }
}
