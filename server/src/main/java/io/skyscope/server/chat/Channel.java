package io.skyscope.server.chat;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.chat.store.StoredMessage;
import java.util.Optional;

/**
 * A chat channel: a space's own channel, its nearby channel, or a direct or group conversation.
 * Parsed once, from the wire form a client sends ({@code space}, {@code nearby}, {@code conv:<id>})
 * or from a stored message id ({@link ChatKeys}); what differs by channel is an exhaustive
 * {@code switch} over this type, and who may do what in it is {@link ChatAccess}'s to say.
 *
 * <p>The wire form and the stored keys are unchanged by this type: {@link #wire()} and
 * {@link #key()} give them back. Immutable.
 */
public sealed interface Channel permits Channel.Space, Channel.Nearby, Channel.Conversation {
    String SPACE = "space";
    String NEARBY = "nearby";
    String CONVERSATION_PREFIX = "conv:";

    /** Everyone who may see the space and is a member of it. */
    record Space(String spaceId) implements Channel {
    }

    /** The people within hearing distance of the sender, or in the sender's room, when it is sent. */
    record Nearby(String spaceId) implements Channel {
    }

    /** The participants of a conversation (whose space is the conversation's). */
    record Conversation(String id) implements Channel {
    }

    /** The channel as clients name it. */
    default String wire() {
        return switch (this) {
            case Space _ -> SPACE;
            case Nearby _ -> NEARBY;
            case Conversation c -> CONVERSATION_PREFIX + c.id();
        };
    }

    /** The key of the sequence the channel's messages are numbered in. */
    default String key() {
        return switch (this) {
            case Space s -> ChatKeys.space(s.spaceId());
            case Nearby n -> ChatKeys.nearby(n.spaceId());
            case Conversation c -> ChatKeys.conversation(c.id());
        };
    }

    /**
     * The channel a sender names, {@code wire} being valid as the protocol checks it.
     *
     * @param sessionSpaceId the space the sender's connection is in, or null
     * @throws Refused 409 {@code not_in_space} for {@code space} and {@code nearby} outside a space
     */
    static Channel fromWire(String wire, String sessionSpaceId) {
        if (wire.startsWith(CONVERSATION_PREFIX)) {
            return new Conversation(wire.substring(CONVERSATION_PREFIX.length()));
        }
        if (sessionSpaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first to use its '" + wire + "' chat",
                    "channel", null);
        }
        return SPACE.equals(wire) ? new Space(sessionSpaceId) : new Nearby(sessionSpaceId);
    }

    /** The channel of a message id, or empty if the id numbers something else (an inbox, a notification…). */
    static Optional<Channel> of(ChatKeys.Id id) {
        return Optional.ofNullable(switch (id.kind()) {
            case 's' -> new Space(id.scope());
            case 'n' -> new Nearby(id.scope());
            case 'c' -> new Conversation(id.scope());
            default -> null;
        });
    }

    /** The channel of a stored message. */
    static Channel of(StoredMessage m) {
        return of(m.key()).orElseThrow(() -> new IllegalStateException("not a chat message: " + m.id()));
    }
}
