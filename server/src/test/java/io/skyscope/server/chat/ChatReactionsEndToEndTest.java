package io.skyscope.server.chat;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ChatReaction;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.e2e.ServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reactions on chat messages over real sockets: one per emoji per person, delivered live to those
 * who see the channel, in history pages, and still there after a restart on the same data.
 */
class ChatReactionsEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void reactionsAreCountedPerPersonDeliveredLiveAndKeptInHistoryAcrossARestart() {
        AuthResponse ann = SERVER.register("ann");
        AuthResponse bob = SERVER.register("bob");
        String space = ChatClients.space(SERVER, ann);
        Connection a = SERVER.join(ann, space);
        Connection b = SERVER.join(bob, space);
        String id = ChatClients.send(a, "space", "lunch at noon?").messageId();
        ChatClients.received(b, id);

        react(b, id, "thumbs_up", false, "b1");
        ChatEvent.Reactions seen = a.await(ChatEvent.Reactions.class, r -> r.messageId().equals(id), TIMEOUT);
        assertThat(seen.userId()).isEqualTo(bob.userId());
        assertThat(seen.added()).isTrue();
        assertThat(seen.reactions()).containsExactly(new ChatReaction("thumbs_up", 1, List.of(bob.userId())));

        react(a, id, "heart", false, "a1");
        react(a, id, "thumbs_up", false, "a2");
        // Twice the same emoji from one person counts once.
        react(b, id, "thumbs_up", false, "b2");
        ChatEvent.Reactions last = b.await(ChatEvent.Reactions.class, r -> r.messageId().equals(id)
                && r.userId().equals(bob.userId()) && r.reactions().size() == 2, TIMEOUT);
        assertThat(last.reactions()).containsExactly(
                new ChatReaction("thumbs_up", 2, List.of(bob.userId(), ann.userId())),
                new ChatReaction("heart", 1, List.of(ann.userId())));
        assertThat(b.world().snapshot().chat()).as("the copy bob received was updated").filteredOn(m -> m.id().equals(id)).singleElement()
                .satisfies(m -> assertThat(m.reactions()).hasSize(2));

        react(a, id, "heart", true, "a3");
        b.await(ChatEvent.Reactions.class, r -> r.messageId().equals(id) && !r.added(), TIMEOUT);
        List<ChatReaction> expected = List.of(new ChatReaction("thumbs_up", 2, List.of(bob.userId(), ann.userId())));
        assertThat(inHistory(bob, space, id).reactions()).isEqualTo(expected);

        SERVER.stop();
        SERVER.start();
        assertThat(inHistory(bob, space, id).reactions()).as("kept in the store").isEqualTo(expected);

        // What cannot be reacted to gets an error that says why.
        Connection again = SERVER.join(bob, space);
        again.sendRaw("{\"type\":\"chat.react\",\"messageId\":\"" + id + "\",\"emoji\":\"banana\",\"ref\":\"x1\"}");
        ServerMessage.Error unknownEmoji = again.await(ServerMessage.Error.class, e -> "x1".equals(e.ref()), TIMEOUT);
        assertThat(unknownEmoji.code()).isEqualTo("invalid_field");
        assertThat(unknownEmoji.field()).isEqualTo("emoji");
        assertThat(unknownEmoji.message()).contains("thumbs_up");
        int colon = id.lastIndexOf(':');
        String missing = id.substring(0, colon + 1) + "9".repeat(id.length() - colon - 1);
        assertThat(ChatClients.refused(again, new ChatCommand.React(missing, "clap", false, "x2")).code())
                .isEqualTo("not_found");
        // Someone outside the space cannot read it, so cannot react to it.
        AuthResponse eve = SERVER.register("eve");
        Connection e = SERVER.connect(eve);
        assertThat(ChatClients.refused(e, new ChatCommand.React(id, "clap", false, "x3")).code()).isEqualTo("not_found");
    }

    private static void react(Connection c, String messageId, String emoji, boolean remove, String ref) {
        c.send(new ChatCommand.React(messageId, emoji, remove, ref));
        c.await(ServerMessage.Ack.class, ack -> ref.equals(ack.ref()) && "chat.react".equals(ack.of()), TIMEOUT);
    }

    private static ChatMessage inHistory(AuthResponse user, String space, String id) {
        return ChatClients.history(SERVER, user, space, "space", 50).stream().filter(m -> m.id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("message " + id + " is not in the history"));
    }
}
