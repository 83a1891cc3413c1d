package io.skyscope.server.auth;

import io.skyscope.protocol.Check;
import io.skyscope.server.Refused;
import java.util.regex.Pattern;

/**
 * What account fields may contain. Each method returns the value to store (trimmed where that
 * applies) or throws a 400 naming the field. Stateless.
 */
public final class AccountRules {
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 256;
    public static final int DISPLAY_NAME_MAX = 64;
    public static final int STATUS_TEXT_MAX = 140;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern AVATAR = Pattern.compile("[a-z0-9_-]{1,32}");

    private AccountRules() {
    }

    public static String username(String username) {
        if (username == null || username.isEmpty()) {
            throw Refused.badRequest("username", "Username is required");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw Refused.badRequest("username",
                    "Username must be 3 to 32 characters: letters, digits, '_', '.' or '-'");
        }
        return username;
    }

    /** Checks length only; counted in code points, so an emoji is one character. */
    public static String password(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw Refused.badRequest(field, "Password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
            throw Refused.badRequest(field,
                    "Password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long");
        }
        return password;
    }

    /** Trimmed; 1 to 64 characters, no control characters, not ending in "(guest)" (kept for guests). */
    public static String displayName(String displayName) {
        String name = text("displayName", "Display name", displayName, 1, DISPLAY_NAME_MAX);
        if (GuestNames.looksLikeGuest(name)) {
            throw Refused.badRequest("displayName", "Display names ending in '(guest)' are kept for guests");
        }
        return name;
    }

    /** Trimmed; up to 140 characters (empty clears it), no control characters. */
    public static String statusText(String statusText) {
        return text("statusText", "Status text", statusText, 0, STATUS_TEXT_MAX);
    }

    /** An avatar id: 1 to 32 of lower-case letters, digits, '_' or '-'. */
    public static String avatar(String avatar) {
        if (avatar == null || !AVATAR.matcher(avatar).matches()) {
            throw Refused.badRequest("avatar", "Avatar must be an id like 'a1'");
        }
        return avatar;
    }

    /**
     * A trimmed single-line text of {@code min..max} code points without control characters
     * (which would let one person's name break another's screen or logs).
     */
    public static String text(String field, String label, String value, int min, int max) {
        if (value == null) {
            throw Refused.badRequest(field, label + " is required");
        }
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw Refused.badRequest(field, min > 0
                    ? label + " must be " + min + " to " + max + " characters long"
                    : label + " must be at most " + max + " characters long");
        }
        if (trimmed.codePoints().anyMatch(AccountRules::isControl)) {
            throw Refused.badRequest(field, label + " must not contain control characters");
        }
        return trimmed;
    }

    private static boolean isControl(int cp) {
        return Check.isUnsafe(cp, false);
    }

    /** Longest email address (RFC 5321 path limit). */
    public static final int EMAIL_MAX = 254;

    /**
     * An email address as typed, trimmed: one {@code @}, a local part of at most 64 characters, a
     * domain of dot-separated labels, no spaces, quotes, angle brackets or control characters (the
     * address goes into a mail header).
     */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            throw Refused.badRequest("email", "Email address is required");
        }
        String e = email.strip();
        int at = e.indexOf('@');
        boolean ok = e.length() <= EMAIL_MAX && at > 0 && at <= 64 && at == e.lastIndexOf('@')
                && e.matches("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                        + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
        if (!ok) {
            throw Refused.badRequest("email", "This is not an email address we can send to");
        }
        return e;
    }

    public static final int BIO_MAX = 500;
    public static final int PRONOUNS_MAX = 40;
    public static final int JOB_TITLE_MAX = 100;

    /** An IANA time-zone id the JDK knows ({@code Europe/Paris}), or empty to clear it. */
    public static String timeZone(String zone) {
        String z = zone.strip();
        if (!z.isEmpty() && !java.time.ZoneId.getAvailableZoneIds().contains(z)) {
            throw Refused.badRequest("timeZone", "Time zone must be an IANA id such as Europe/Paris");
        }
        return z;
    }
}
