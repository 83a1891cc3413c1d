package io.skyscope.server.auth;

import io.skyscope.server.store.Users.User;
import java.util.Locale;

/**
 * How guest accounts are told apart and named. A guest's username is {@value #USERNAME_PREFIX}
 * and random characters: the {@code ~} is outside what {@link AccountRules#username} accepts, so
 * no member can register one, and the prefix alone says "guest". A guest's display name ends in
 * {@value #MARK}, which members cannot give themselves, so presence, people lists and chat show
 * who is a guest without a change to any message.
 */
public final class GuestNames {
    public static final String USERNAME_PREFIX = "guest~";
    public static final String MARK = " (guest)";
    /** The longest name a guest may type; the mark is added to it. */
    public static final int NAME_MAX = 40;

    private GuestNames() {
    }

    public static boolean isGuest(User user) {
        return user.username().startsWith(USERNAME_PREFIX);
    }

    /**
     * The display name a guest gets for the name they typed: checked like any display name, at most
     * {@value #NAME_MAX} characters, then marked.
     *
     * @throws io.skyscope.server.Refused 400 naming {@code displayName}
     */
    public static String displayName(String typed) {
        String name = AccountRules.text("displayName", "Display name", typed, 1, NAME_MAX);
        return name + MARK;
    }

    /** Whether a member's display name would pass for a guest's. */
    static boolean looksLikeGuest(String displayName) {
        return displayName.toLowerCase(Locale.ROOT).stripTrailing().endsWith(MARK.strip());
    }
}
