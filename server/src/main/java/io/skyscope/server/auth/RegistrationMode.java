package io.skyscope.server.auth;

import java.util.Locale;

/** Who may register on this server: anyone, or only people holding a space invite code. */
public enum RegistrationMode {
    OPEN, INVITE;

    /**
     * Parses "open" or "invite", in any case.
     *
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static RegistrationMode parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> OPEN;
            case "invite" -> INVITE;
            default -> throw new IllegalArgumentException("Registration mode must be 'open' or 'invite': " + value);
        };
    }
}
