package io.skyscope.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A chat message as clients see it, live ({@code chat.message}, {@code chat.updated}) and in
 * history pages.
 *
 * @param id       the server's id; ids of one channel sort in the order the messages were stored
 * @param channel  {@code space}, {@code nearby} or {@code conv:<id>}
 * @param text     empty once deleted
 * @param replyTo  the id of the message this one answers, or null
 * @param mentions the user ids mentioned with {@code @username}
 * @param editedAt when the text was last edited, or null
 * @param deleted  true once the sender or a space admin deleted it (the text is then gone)
 * @param reactions the reactions on it, one entry per emoji in {@link Reactions} order
 */
public record ChatMessage(String id, String spaceId, String channel, String senderId, String senderName,
                          String text, Instant sentAt, String replyTo, List<String> mentions, Instant editedAt,
                          boolean deleted, List<ChatReaction> reactions) {
    public ChatMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A message nobody reacted to. */
    public ChatMessage(String id, String spaceId, String channel, String senderId, String senderName, String text,
                       Instant sentAt, String replyTo, List<String> mentions, Instant editedAt, boolean deleted) {
        this(id, spaceId, channel, senderId, senderName, text, sentAt, replyTo, mentions, editedAt, deleted, List.of());
    }
}
