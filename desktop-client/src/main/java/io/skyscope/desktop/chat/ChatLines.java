package io.skyscope.desktop.chat;

import io.skyscope.protocol.ChatMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a channel's lines in the server's order without duplicates, whatever order they arrive in
 * (a history page, a live message, the same message again after a reconnect). Lines still being
 * sent (no server id yet) stay at the end. FX thread only.
 */
final class ChatLines {
    private static final Comparator<ChatLine> ORDER = Comparator.comparing(ChatLine::pending)
            .thenComparing(ChatLine::id);

    private ChatLines() {
    }

    /** Adds or replaces messages in a channel's line list. */
    static void merge(ChatChannel channel, List<ChatMessage> messages, String me, Map<String, ChatLine> byId) {
        var lines = channel.lines();
        boolean unsorted = false;
        for (ChatMessage m : messages) {
            ChatLine line = line(m, me, lines, byId);
            int at = indexOf(lines, line.id());
            if (at >= 0) {
                lines.set(at, line);
            } else {
                if (!lines.isEmpty() && ORDER.compare(lines.getLast(), line) > 0) {
                    unsorted = true;
                }
                lines.add(line);
            }
            byId.put(line.id(), line);
        }
        if (unsorted) {
            lines.sort(ORDER);
        }
    }

    static int indexOf(List<ChatLine> lines, String id) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    static ChatLine line(ChatMessage m, String me, List<ChatLine> lines, Map<String, ChatLine> byId) {
        String snippet = null;
        if (m.replyTo() != null) {
            ChatLine original = byId.get(m.replyTo());
            snippet = original == null ? "an earlier message"
                    : original.authorName() + ": " + ChatPanel.abbreviate(original.deleted() ? "(deleted)" : original.text());
        }
        return new ChatLine(m.id(), m.senderId(), m.senderName(), m.text(), m.sentAt(), m.editedAt() != null,
                m.deleted(), m.replyTo(), snippet, m.senderId().equals(me), m.mentions().contains(me), false, m.reactions());
    }
}
