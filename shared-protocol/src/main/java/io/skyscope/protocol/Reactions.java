package io.skyscope.protocol;

import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The fixed set of emoji reactions, by the short code that names each on the wire: the same set
 * for reactions shown above an avatar ({@code react}) and for reactions on chat messages
 * ({@code chat.react}). A fixed set keeps what a client must draw, and what a message can
 * collect, small.
 */
public final class Reactions {
    /** Short code to the emoji it stands for, in the order a picker shows them. */
    public static final SequencedMap<String, String> EMOJI;

    static {
        var emoji = new LinkedHashMap<String, String>();
        emoji.put("thumbs_up", "\uD83D\uDC4D");
        emoji.put("heart", "\u2764\uFE0F");
        emoji.put("laugh", "\uD83D\uDE02");
        emoji.put("party", "\uD83C\uDF89");
        emoji.put("clap", "\uD83D\uDC4F");
        emoji.put("wow", "\uD83D\uDE2E");
        emoji.put("raised_hand", "\u270B");
        emoji.put("coffee", "\u2615");
        EMOJI = java.util.Collections.unmodifiableSequencedMap(emoji);
    }

    /**
     * Most people a chat message's reaction names ({@link ChatReaction#userIds}): the first to
     * react; its count covers everyone. Keeps a popular message's frames and history pages small.
     */
    public static final int MAX_LISTED = 20;

    /** How long a client shows a reaction above an avatar. */
    public static final int SHOWN_SECONDS = 4;

    private Reactions() {
    }

    public static boolean isKnown(String code) {
        return code != null && EMOJI.containsKey(code);
    }

    /** The emoji for a short code, or null if the code is not one of the set. */
    public static String glyph(String code) {
        return code == null ? null : EMOJI.get(code);
    }

    /** @throws InvalidFieldException unless {@code code} is one of the set; the message lists them */
    static String check(String field, String code) {
        Check.required(field, code);
        if (!isKnown(code)) {
            throw new InvalidFieldException(field, "'" + field + "' must be one of " + String.join(", ", EMOJI.keySet())
                    + "; got '" + (code.length() > 32 ? code.substring(0, 32) + "…" : code) + "'");
        }
        return code;
    }
}
