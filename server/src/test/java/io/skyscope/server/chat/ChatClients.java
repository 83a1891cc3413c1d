package io.skyscope.server.chat;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;

import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.server.e2e.ServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Chat helpers for end-to-end tests: send and wait for the ack, collect what a connection got. */
final class ChatClients {
    private ChatClients() {
    }

    static String clientId() {
        return "c-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Sends and waits for the acknowledgement. */
    static ChatEvent.Ack send(Connection c, String channel, String text) {
        return send(c, channel, text, null);
    }

    static ChatEvent.Ack send(Connection c, String channel, String text, String replyTo) {
        String cid = clientId();
        c.send(new ChatCommand.Send(channel, text, cid, replyTo, "r-" + cid.substring(2, 12)));
        return c.await(ChatEvent.Ack.class, a -> cid.equals(a.clientMessageId()), TIMEOUT);
    }

    /** Sends and waits for the error it causes. */
    static ServerMessage.Error refused(Connection c, ChatCommand command) {
        c.send(command);
        return c.await(ServerMessage.Error.class, e -> command.ref() == null || command.ref().equals(e.ref()), TIMEOUT);
    }

    static ChatMessage received(Connection c, String messageId) {
        return c.await(ChatEvent.Message.class, m -> m.message().id().equals(messageId), TIMEOUT).message();
    }

    static ChatMessage updated(Connection c, String messageId) {
        return c.await(ChatEvent.Updated.class, m -> m.message().id().equals(messageId), TIMEOUT).message();
    }

    /** Everything a connection receives from now on. */
    static List<ServerMessage> record(Connection c) {
        List<ServerMessage> all = new CopyOnWriteArrayList<>();
        c.onMessage(all::add);
        return all;
    }

    /** Pages through a space channel's whole history, newest first. */
    static List<ChatMessage> history(ServerExtension server, AuthResponse user, String spaceId, String channel,
                                     int pageSize) {
        var chat = new ChatApi(server.api());
        List<ChatMessage> all = new ArrayList<>();
        String before = null;
        do {
            MessagePage page = chat.spaceMessages(user.accessToken(), spaceId, channel, before, pageSize);
            all.addAll(page.messages());
            before = page.nextBefore();
        } while (before != null);
        return all;
    }

    /** A fresh public space owned by the user, so tests do not see each other's messages. */
    static String space(ServerExtension server, AuthResponse owner) {
        return server.api().createSpace(owner.accessToken(), "Chat " + UUID.randomUUID().toString().substring(0, 8),
                "public").id();
    }
}
