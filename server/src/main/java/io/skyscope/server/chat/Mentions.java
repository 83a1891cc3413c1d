package io.skyscope.server.chat;

import io.skyscope.server.store.Users;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code @username} mentions in a message and turns them into user ids. A mention counts
 * only for someone who can read the message (the caller says who can). At most
 * {@value #MAX_MENTIONS} distinct names are looked up per message. Stateless and thread-safe.
 */
public final class Mentions {
    static final int MAX_MENTIONS = 20;
    // A name preceded by start, whitespace or punctuation other than name characters, so that
    // "ana@example.com" is not a mention of "example.com".
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{3,32})");

    private final Users users;

    public Mentions(Users users) {
        this.users = users;
    }

    /** The usernames mentioned, lower-cased, in order of first appearance. */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text.indexOf('@') < 0) {
            return names;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find() && names.size() < MAX_MENTIONS) {
            String name = m.group(1);
            // A sentence may end right after a name: "thanks @ana."
            while (name.endsWith(".") || name.endsWith("-")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.length() >= 3) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The ids of the users mentioned in {@code text} who pass {@code canRead}, without the sender. */
    List<String> resolve(String text, String senderId, Predicate<String> canRead) {
        List<String> ids = new ArrayList<>();
        for (String name : names(text)) {
            users.findByUsername(name).map(Users.User::id)
                    .filter(id -> !id.equals(senderId) && !ids.contains(id) && canRead.test(id))
                    .ifPresent(ids::add);
        }
        return ids;
    }
}
