package io.skyscope.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Field checks used by the message records' compact constructors. */
public final class Check {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CHANNEL =
            Pattern.compile("space|nearby|conv:[A-Za-z0-9_-]{1,64}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_:.-]+");

    private Check() {
    }

    /** Single-line text of {@code min..max} UTF-16 units with no {@linkplain #isUnsafe unsafe} character. */
    public static String text(String field, String value, int min, int max) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        if (value.length() < min || value.length() > max) {
            throw new InvalidFieldException(field,
                    "'" + field + "' must be " + min + " to " + max + " characters, got " + value.length());
        }
        safeText(field, value, false);
        return value;
    }

    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }

    /**
     * The one rule for text people show each other, on every path (WebSocket messages here, REST
     * through the server's account rules): no C0/C1 control characters, no line or paragraph
     * separators, and no bidi embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069),
     * which could reorder the text around them or disguise it. Multi-line text (chat) may hold
     * line feeds and tabs. Zero-width joiners stay allowed: emoji sequences need them.
     */
    public static boolean isUnsafe(int codePoint, boolean multiLine) {
        if (multiLine && (codePoint == '\n' || codePoint == '\t')) {
            return false;
        }
        return Character.getType(codePoint) == Character.CONTROL || codePoint == 0x2028 || codePoint == 0x2029
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** @throws InvalidFieldException naming the first {@linkplain #isUnsafe unsafe} character */
    public static void safeText(String field, String value, boolean multiLine) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isUnsafe(cp, multiLine)) {
                throw new InvalidFieldException(field, "'" + field + "' contains control character U+"
                        + String.format("%04X", cp) + " at index " + i + " (control, line-separator and"
                        + " bidi-override characters are not allowed" + (multiLine ? " except line feed and tab" : "")
                        + ")");
            }
            i += Character.charCount(cp);
        }
    }

    public static double coordinate(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidFieldException(field, "'" + field + "' must be a finite number");
        }
        if (value < 0 || value > Limits.MAX_COORDINATE) {
            throw new InvalidFieldException(field,
                    "'" + field + "' must be between 0 and " + Limits.MAX_COORDINATE + " map pixels, got " + value);
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidFieldException(field, "'" + field + "' must not be negative, got " + value);
        }
        return value;
    }

    /** An SDP of at most {@link Limits#MAX_VIDEO_SDP_BYTES} bytes that starts as one must ({@code v=0}). */
    public static String sdp(String sdp) {
        Check.required("sdp", sdp);
        int size = sdp.getBytes(StandardCharsets.UTF_8).length;
        if (size > Limits.MAX_VIDEO_SDP_BYTES) {
            throw new InvalidFieldException("sdp", "'sdp' is " + size + " bytes; at most " + Limits.MAX_VIDEO_SDP_BYTES
                    + " are accepted");
        }
        if (!sdp.startsWith("v=0")) {
            throw new InvalidFieldException("sdp", "'sdp' must be a session description (starting with v=0)");
        }
        return sdp;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        return value;
    }

    /**
     * Chat text: 1 to {@link Limits#MAX_CHAT_TEXT} characters counted as code points, not blank,
     * no {@linkplain #isUnsafe unsafe} characters other than line feed and tab.
     */
    public static String chatText(String value) {
        required("text", value);
        int length = value.codePointCount(0, value.length());
        if (length > Limits.MAX_CHAT_TEXT) {
            throw new InvalidFieldException("text",
                    "'text' must be at most " + Limits.MAX_CHAT_TEXT + " characters, got " + length);
        }
        if (value.isBlank()) {
            throw new InvalidFieldException("text", "'text' must not be empty or blank");
        }
        safeText("text", value, true);
        return value;
    }

    /** A value of {@code [A-Za-z0-9_-]} and the given length, e.g. a chat.send clientMessageId. */
    public static String token(String field, String value, int min, int max) {
        required(field, value);
        if (value.length() < min || value.length() > max || !TOKEN.matcher(value).matches()) {
            throw new InvalidFieldException(field, "'" + field + "' must be " + min + " to " + max
                    + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return value;
    }

    /** A chat channel: {@code space}, {@code nearby} or {@code conv:<id>}. */
    public static String channel(String value) {
        required("channel", value);
        if (!CHANNEL.matcher(value).matches()) {
            throw new InvalidFieldException("channel",
                    "'channel' must be 'space', 'nearby' or 'conv:<id>' (id: 1 to 64 of A-Z, a-z, 0-9, '_', '-')");
        }
        return value;
    }

    /** A chat message id as the server hands them out. */
    public static String messageId(String field, String value) {
        required(field, value);
        if (value.isEmpty() || value.length() > Limits.MAX_MESSAGE_ID_LENGTH || !MESSAGE_ID.matcher(value).matches()) {
            throw new InvalidFieldException(field, "'" + field + "' is not a message id");
        }
        return value;
    }

    public static String optionalMessageId(String field, String value) {
        return value == null ? null : messageId(field, value);
    }

    public static String ref(String value) {
        return optionalText("ref", value, Limits.MAX_REF_LENGTH);
    }
}
