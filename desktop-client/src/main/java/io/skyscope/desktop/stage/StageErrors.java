package io.skyscope.desktop.stage;

import io.skyscope.desktop.ui.Waits;
import io.skyscope.protocol.ServerMessage;

/**
 * The server's refusals of stage and megaphone requests in plain words: what happened and what
 * to do next, rather than the rule the server names.
 */
final class StageErrors {

    /** What a request was, for wording its refusal; its ref starts with {@link #prefix()}. */
    enum Kind {
        HAND("stagehand"), FLOOR("floor"), HANDS("watchhands"), MEGAPHONE("megaphone");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }

        /** The kind of request a ref of {@code Session.nextRef(prefix())} belongs to, or null. */
        static Kind of(String ref) {
            if (ref != null) {
                for (Kind k : values()) {
                    if (ref.startsWith(k.prefix + "-")) {
                        return k;
                    }
                }
            }
            return null;
        }
    }

    private StageErrors() {
    }

    static String plain(Kind kind, ServerMessage.Error e) {
        return switch (e.code()) {
            case "not_in_audience" -> "You can raise your hand only while you listen in a stage's audience.";
            case "media_unavailable" -> "The megaphone needs the media server, and this server has none or it is"
                    + " not answering right now. Ask the server's admin to set it up (JANUS_URL).";
            case "forbidden" -> switch (kind) {
                case MEGAPHONE -> "Only the space's owner and admins can use the megaphone.";
                case FLOOR -> "Only the space's owner and admins can give or take the floor.";
                default -> "Only the space's owner and admins see the raised hands.";
            };
            case "guest_not_allowed" -> "Guests cannot do that: " + e.message();
            case "rate_limited" -> (kind == Kind.MEGAPHONE ? "You switched the megaphone on and off too often"
                    : "You raised and lowered your hand too often") + "; try again " + Waits.after(e.retryAfterMs()) + ".";
            case "not_in_space", "not_present" -> "That person is no longer in the space.";
            default -> switch (kind) {
                case HAND -> "Your hand could not be raised: ";
                case FLOOR -> "The floor could not be changed: ";
                case HANDS -> "The raised hands could not be read: ";
                case MEGAPHONE -> "The megaphone could not be switched: ";
            } + e.message();
        };
    }
}
