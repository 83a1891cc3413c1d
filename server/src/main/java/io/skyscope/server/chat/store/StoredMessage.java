package io.skyscope.server.chat.store;

import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ChatReaction;
import java.time.Instant;
import java.util.List;

/**
 * A chat message as stored. {@code inbox} is set for nearby messages only: each recipient (the
 * sender included) and the number the message has in that recipient's nearby inbox.
 * {@code reactions}: one entry per emoji someone reacted with, in the order of the emoji set.
 */
public record StoredMessage(String id, String spaceId, String channel, String senderId, String senderName,
                     String clientMessageId, String text, Instant sentAt, String replyTo, List<String> mentions,
                     Instant editedAt, boolean deleted, List<InboxEntry> inbox, List<ChatReaction> reactions) {

    public StoredMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        inbox = inbox == null ? List.of() : List.copyOf(inbox);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A message nobody has reacted to. */
    public StoredMessage(String id, String spaceId, String channel, String senderId, String senderName,
                         String clientMessageId, String text, Instant sentAt, String replyTo, List<String> mentions,
                         Instant editedAt, boolean deleted, List<InboxEntry> inbox) {
        this(id, spaceId, channel, senderId, senderName, clientMessageId, text, sentAt, replyTo, mentions, editedAt,
                deleted, inbox, List.of());
    }

    /** A recipient of a nearby message and the message's number in their inbox. */
    public record InboxEntry(String userId, long seq) {
    }

    public ChatKeys.Id key() {
        return ChatKeys.parse("messageId", id);
    }

    /** Who may read it: for nearby messages the recipients; otherwise decided by the channel. */
    public boolean isRecipient(String userId) {
        return inbox.stream().anyMatch(e -> e.userId().equals(userId));
    }

    public long inboxSeq(String userId) {
        return inbox.stream().filter(e -> e.userId().equals(userId)).mapToLong(InboxEntry::seq).findFirst().orElse(-1);
    }

    public ChatMessage view() {
        return new ChatMessage(id, spaceId, channel, senderId, senderName, deleted ? "" : text, sentAt, replyTo,
                deleted ? List.of() : mentions, editedAt, deleted, deleted ? List.of() : reactions);
    }
}
