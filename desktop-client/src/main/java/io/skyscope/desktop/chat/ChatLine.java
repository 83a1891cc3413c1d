package io.skyscope.desktop.chat;

import io.skyscope.protocol.ChatReaction;
import java.time.Instant;
import java.util.List;

/**
 * One message as the chat panel shows it.
 *
 * @param replyTo      the id of the message this one answers, or null
 * @param replySnippet a short quote of that message, or null
 * @param mentionsMe   whether it names me (@username), so it is highlighted
 * @param pending      sent by me but not yet confirmed by the server (e.g. while reconnecting)
 * @param reactions    the reactions on it, one per emoji in {@link io.skyscope.protocol.Reactions} order
 */
public record ChatLine(String id, String authorId, String authorName, String text, Instant sentAt, boolean edited,
                       boolean deleted, String replyTo, String replySnippet, boolean mine, boolean mentionsMe,
                       boolean pending, List<ChatReaction> reactions) {

    public ChatLine {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A line nobody reacted to. */
    public ChatLine(String id, String authorId, String authorName, String text, Instant sentAt, boolean edited,
                    boolean deleted, String replyTo, String replySnippet, boolean mine, boolean mentionsMe,
                    boolean pending) {
        this(id, authorId, authorName, text, sentAt, edited, deleted, replyTo, replySnippet, mine, mentionsMe, pending,
                List.of());
    }

    /** The same line with these reactions. */
    public ChatLine withReactions(List<ChatReaction> now) {
        return new ChatLine(id, authorId, authorName, text, sentAt, edited, deleted, replyTo, replySnippet, mine,
                mentionsMe, pending, now);
    }
}
