package io.skyscope.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The chat family of server messages. Listed in {@link ServerMessage}'s subtype list like every
 * other message.
 */
public sealed interface ChatEvent extends ServerMessage {

    /** A {@code chat.send} was stored durably under {@code messageId}. */
    record Ack(String ref, String clientMessageId, String messageId, String channel, Instant sentAt)
            implements ChatEvent {
    }

    /** A new message in a channel you receive. */
    record Message(ChatMessage message) implements ChatEvent {
    }

    /** A message was edited or deleted; replace the copy you have. */
    record Updated(ChatMessage message) implements ChatEvent {
    }

    /** Someone is typing in a channel you receive. */
    record Typing(String channel, String spaceId, String userId, String displayName) implements ChatEvent {
    }

    /**
     * How many messages of a channel you have not read: sent when you enter a space (for each
     * channel with unread messages) and in answer to {@code chat.read}.
     */
    record Unread(String channel, String spaceId, long count) implements ChatEvent {
    }

    /**
     * Something for you: a {@code mention}, a {@code dm} (direct or group message) or an
     * {@code invite} to a conversation. Also listed over REST ({@code GET /api/v1/notifications}).
     */
    record Notification(String id, String kind, String spaceId, String channel, String messageId,
                        String fromUserId, String fromName, String preview, Instant createdAt, boolean read)
            implements ChatEvent {
    }

    /**
     * The reactions on a message changed: {@code userId} added ({@code added}) or took back
     * {@code emoji}; {@code reactions} is the message's whole set now (replace the copy you have).
     */
    record Reactions(String messageId, String channel, String spaceId, String userId, String emoji, boolean added,
                     List<ChatReaction> reactions) implements ChatEvent {
        public Reactions {
            reactions = reactions == null ? List.of() : List.copyOf(reactions);
        }
    }
}
