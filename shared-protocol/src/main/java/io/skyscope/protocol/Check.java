package io.skyscope.protocol;

import java.util.regex.Pattern;

/** Field checks used by the message records' compact constructors. */
public final class Check {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CHANNEL =
            Pattern.compile("space|nearby|conv:[A-Za-z0-9_-]{1,64}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_:.-]+");

    private Check() {
    }

    public static String text(String field, String value, int min, int max) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        if (value.length() < min || value.length() > max) {
            throw new InvalidFieldException(field,
                    "'" + field + "' must be " + min + " to " + max + " characters, got " + value.length());
        }
        noControl(field, value);
        return value;
    }

    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }

    public static void noControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidFieldException(field, "'" + field + "' contains control character U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
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

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        return value;
    }

    /**
     * Chat text: 1 to {@link Limits#MAX_CHAT_TEXT} characters counted as code points, not blank,
     * no control characters other than line feed and tab.
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
        noControl("text", value);
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
