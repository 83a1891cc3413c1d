package io.skyscope.desktop.chat;

import io.skyscope.client.ApiError;
import io.skyscope.client.Session;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.rest.ConversationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names a conversation and its members for the chat panel: people present by the name they walk
 * under, others by their profile card (read once and kept), anyone the server will not describe
 * as "someone".
 *
 * <p>Threads: called on background threads (it may make REST calls); thread-safe.
 */
final class Conversations {
    /** A conversation as the panel shows it: its tab title and its members' names, me first as "You". */
    record Described(ConversationView view, String title, List<String> memberNames) {
        ChatChannel.Kind kind() {
            return "group".equals(view.kind()) ? ChatChannel.Kind.GROUP : ChatChannel.Kind.DIRECT;
        }
    }

    private static final int MAX_NAMES = 2000;

    private final Session link;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    Conversations(Session link) {
        this.link = link;
    }

    Described described(ConversationView v) {
        String me = link.userId();
        List<String> members = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (v.participants().contains(me)) {
            members.add("You");
        }
        for (String id : v.participants()) {
            if (!id.equals(me)) {
                String name = name(id);
                members.add(name);
                others.add(name);
            }
        }
        String title = v.title() != null && !v.title().isBlank() ? v.title()
                : others.isEmpty() ? "Conversation"
                : "group".equals(v.kind()) ? String.join(", ", others)
                : others.getFirst();
        return new Described(v, title, List.copyOf(members));
    }

    private String name(String userId) {
        Person p = link.snapshot().person(userId);
        if (p != null) {
            names.put(userId, p.displayName());
            return p.displayName();
        }
        String known = names.get(userId);
        if (known != null) {
            return known;
        }
        String found;
        try {
            found = link.api().profileCard(link.tokens().accessToken(), userId).displayName();
        } catch (ApiError e) {
            found = "someone"; // gone, or no longer in a space with me
        }
        if (names.size() >= MAX_NAMES) {
            names.clear();
        }
        names.put(userId, found);
        return found;
    }
}
