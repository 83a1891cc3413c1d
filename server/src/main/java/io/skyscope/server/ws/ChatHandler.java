package io.skyscope.server.ws;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.server.chat.ChatErrors;
import io.skyscope.server.chat.ChatReads;
import io.skyscope.server.chat.ChatService;
import io.skyscope.server.chat.MessageChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the chat family of messages by handing them to the chat services, and tells them when a
 * connection enters a space (for unread counts). A store that cannot be reached or written turns
 * into a {@code store_unavailable} error the client may retry. Called on the session's inbound
 * thread.
 */
public final class ChatHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);

    private final ChatService chat;
    private final MessageChanges changes;
    private final ChatReads reads;

    public ChatHandler(ChatService chat, MessageChanges changes, ChatReads reads) {
        this.chat = chat;
        this.changes = changes;
        this.reads = reads;
    }

    public void handle(ClientSession session, ChatCommand command) {
        String userId = session.userId();
        try {
            switch (command) {
                case ChatCommand.Send send -> chat.send(userId, session.spaceId(), send);
                case ChatCommand.Edit edit -> changes.edit(userId, edit);
                case ChatCommand.Delete delete -> changes.delete(userId, delete);
                case ChatCommand.Typing typing -> chat.typing(userId, session.spaceId(), typing);
                case ChatCommand.Read read -> reads.read(userId, read);
                case ChatCommand.React react -> changes.react(userId, react);
            }
        } catch (RuntimeException e) {
            if (ChatErrors.isStorageFailure(e)) {
                throw ChatErrors.storeUnavailable();
            }
            throw e;
        }
    }

    /** The connection was admitted to a space. */
    public void entered(ClientSession session, String spaceId) {
        try {
            reads.entered(session.userId(), spaceId);
        } catch (RuntimeException e) {
            if (!ChatErrors.isStorageFailure(e)) {
                throw e;
            }
            // Unread counts are a convenience; joining must not fail because of them.
            LOG.warn("user {} session {}: no unread counts for space {}: {}", session.userId(), session.id(), spaceId,
                    e.toString());
        }
    }
}
