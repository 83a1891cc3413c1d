package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The chat family of client messages. Listed in {@link ClientMessage}'s subtype list like every
 * other message; grouped here so the server hands the whole family to one handler.
 *
 * <p>{@code channel} is {@code space} (everyone in the space you are in), {@code nearby} (the
 * people within hearing distance, or in your meeting room) or {@code conv:<id>} (a direct or group
 * conversation).
 */
public sealed interface ChatCommand extends ClientMessage {

    /**
     * Post a message; answered by {@code chat.ack} once it is stored. Sending again with the same
     * {@code clientMessageId} (after a dropped connection) stores nothing new and gets the same ack.
     */
    record Send(@JsonProperty(required = true) String channel,
                @JsonProperty(required = true) String text,
                @JsonProperty(required = true) String clientMessageId,
                String replyTo,
                String ref) implements ChatCommand {
        public Send {
            Check.channel(channel);
            Check.chatText(text);
            Check.token("clientMessageId", clientMessageId, Limits.MIN_CLIENT_MESSAGE_ID,
                    Limits.MAX_CLIENT_MESSAGE_ID);
            Check.optionalMessageId("replyTo", replyTo);
            Check.ref(ref);
        }
    }

    /** Replace the text of one of your messages; answered by {@code ack}, everyone gets {@code chat.updated}. */
    record Edit(@JsonProperty(required = true) String messageId,
                @JsonProperty(required = true) String text,
                String ref) implements ChatCommand {
        public Edit {
            Check.messageId("messageId", messageId);
            Check.chatText(text);
            Check.ref(ref);
        }
    }

    /**
     * Delete one of your messages (space admins and owners: any message of their space); answered
     * by {@code ack}, everyone gets {@code chat.updated}.
     */
    record Delete(@JsonProperty(required = true) String messageId, String ref) implements ChatCommand {
        public Delete {
            Check.messageId("messageId", messageId);
            Check.ref(ref);
        }
    }

    /** I am typing in this channel. Not stored; relayed at most once every few seconds. */
    record Typing(@JsonProperty(required = true) String channel, String ref) implements ChatCommand {
        public Typing {
            Check.channel(channel);
            Check.ref(ref);
        }
    }

    /** I have read this channel up to and including this message; answered by {@code chat.unread}. */
    record Read(@JsonProperty(required = true) String channel,
                @JsonProperty(required = true) String messageId,
                String ref) implements ChatCommand {
        public Read {
            Check.channel(channel);
            Check.messageId("messageId", messageId);
            Check.ref(ref);
        }
    }

    /**
     * Add (or, with {@code remove = true}, take back) your reaction ({@link Reactions} short code)
     * on a message you can read; answered by {@code ack}, everyone who sees the channel gets
     * {@code chat.reactions}. One reaction per emoji per person per message: adding one twice
     * changes nothing. {@code remove} may be left out (false).
     */
    record React(@JsonProperty(required = true) String messageId,
                 @JsonProperty(required = true) String emoji,
                 Boolean remove,
                 String ref) implements ChatCommand {
        public React {
            Check.messageId("messageId", messageId);
            Reactions.check("emoji", emoji);
            remove = Boolean.TRUE.equals(remove);
            Check.ref(ref);
        }
    }
}
