package io.skyscope.desktop.desks;

import io.skyscope.desktop.ui.Waits;
import io.skyscope.protocol.ServerMessage;

/**
 * The server's refusals of desk commands in plain words. The server's own message names the
 * rule; a person at the map wants to know what happened and what to do next.
 */
final class DeskErrors {

    /** What a desk command was, for wording its refusal. */
    enum Kind { CLAIM, FREE, ASSIGN, NOTE, SETTINGS }

    private DeskErrors() {
    }

    static String plain(Kind kind, ServerMessage.Error e) {
        return switch (e.code()) {
            case "desk_taken" -> kind == Kind.ASSIGN
                    ? "Someone else holds that desk now; free it first, then assign it."
                    : "Someone else took that desk just before you; pick another one.";
            case "has_desk" -> kind == Kind.ASSIGN
                    ? "They already hold another desk here; free that one first."
                    : "You already have a desk here; free it before taking another.";
            case "desk_free" -> kind == Kind.NOTE
                    ? "Nobody holds that desk any more, so nobody would read the note."
                    : "That desk is already free.";
            case "holder_present" -> "They are here right now; message them instead of leaving a note.";
            case "rate_limited" -> "Too many desk changes in a short time; try again " + Waits.after(e.retryAfterMs()) + ".";
            case "forbidden" -> kind == Kind.ASSIGN || kind == Kind.FREE
                    ? "Only the space's owner and admins can do that with someone else's desk."
                    : "Only members of this space have desks.";
            case "not_found" -> "That person is not a member of this space.";
            case "unknown_desk" -> "That desk is no longer on this office's map.";
            case "quota_exceeded" -> "Enough notes are waiting on that desk already; try again once they are read.";
            default -> e.message();
        };
    }
}
