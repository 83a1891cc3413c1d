package io.skyscope.server.chat;

import static io.skyscope.server.chat.ChatClients.history;
import static io.skyscope.server.chat.ChatClients.send;
import static io.skyscope.server.chat.ChatClients.space;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.chat.store.ChatKeys;
import io.skyscope.server.e2e.ServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Idempotent retries, the per-user rate limit and history across a restart, over real sockets. */
class ChatReliabilityEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void aRetryWithTheSameClientMessageIdGetsTheSameAckAndStoresNothingNew() {
        AuthResponse ana = SERVER.register("ana");
        String spaceId = space(SERVER, ana);
        Connection first = SERVER.join(ana, spaceId);
        String cid = ChatClients.clientId();
        first.send(new ChatCommand.Send("space", "sent once", cid, null, "try-1"));
        var ack = first.await(ChatEvent.Ack.class, a -> cid.equals(a.clientMessageId()), TIMEOUT);
        first.send(new ChatCommand.Send("space", "sent once", cid, null, "try-2"));
        var again = first.await(ChatEvent.Ack.class, a -> "try-2".equals(a.ref()), TIMEOUT);
        assertThat(again.messageId()).isEqualTo(ack.messageId());
        assertThat(again.sentAt()).isEqualTo(ack.sentAt());
        var next = send(first, "space", "next");
        assertThat(ChatKeys.parse("id", next.messageId()).seq()).as("a retry leaves no gap")
                .isEqualTo(ChatKeys.parse("id", ack.messageId()).seq() + 1);

        // The connection drops before the client saw an answer; it reconnects and sends again.
        String lost = ChatClients.clientId();
        first.send(new ChatCommand.Send("space", "did this arrive?", lost, null, "try-3"));
        first.close();
        Connection second = SERVER.join(ana, spaceId);
        second.send(new ChatCommand.Send("space", "did this arrive?", lost, null, "try-4"));
        var retried = second.await(ChatEvent.Ack.class, a -> "try-4".equals(a.ref()), TIMEOUT);

        List<ChatMessage> all = history(SERVER, ana, spaceId, null, 10);
        assertThat(all).extracting(ChatMessage::id).containsExactly(retried.messageId(), next.messageId(),
                ack.messageId());
        assertThat(all.getFirst().text()).isEqualTo("did this arrive?");
    }

    @Test
    void concurrentCopiesOfOneSendAreStoredOnce() throws Exception {
        AuthResponse ben = SERVER.register("ben");
        String spaceId = space(SERVER, ben);
        Connection b = SERVER.join(ben, spaceId);
        Map<String, String> acked = new ConcurrentHashMap<>();
        b.onMessage(m -> {
            if (m instanceof ChatEvent.Ack a) {
                acked.put(a.ref(), a.messageId());
            }
        });
        String cid = ChatClients.clientId();
        for (int i = 0; i < 10; i++) {
            b.send(new ChatCommand.Send("space", "burst", cid, null, "copy-" + i));
        }
        b.send(new ClientMessage.Ping("after"));
        b.await(ServerMessage.Pong.class, TIMEOUT);
        for (int i = 0; i < 10; i++) {
            String ref = "copy-" + i;
            b.await(ChatEvent.Ack.class, a -> ref.equals(a.ref()), TIMEOUT);
        }
        assertThat(acked.values()).hasSize(10).containsOnly(acked.get("copy-0"));
        assertThat(history(SERVER, ben, spaceId, null, 50)).hasSize(1);
    }

    @Test
    void sendingTooFastIsRefusedWithARetryAfterAndWorksAgainLater() throws Exception {
        AuthResponse cat = SERVER.register("cat");
        String spaceId = space(SERVER, cat);
        Connection c = SERVER.join(cat, spaceId);
        int burst = SERVER.server().config().chat().burst();
        // Thirty over the burst: for none of them to be refused, the server would have to take six
        // seconds over the lot (tokens refill at 5 a second), well within the connection's frame budget.
        int spam = burst + 30;
        // Every answer by ref: how many got through depends on how fast the server works (tokens
        // refill while it stores the first ones); what was acknowledged must be exactly what is kept.
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        c.onMessage(m -> {
            if (m instanceof ChatEvent.Ack a) {
                acked.add(a.ref());
            } else if (m instanceof ServerMessage.Error e && "rate_limited".equals(e.code())) {
                refused.add(e.ref());
            }
        });
        for (int i = 0; i < spam; i++) {
            c.send(new ChatCommand.Send("space", "spam " + i, ChatClients.clientId(), null, "s" + i));
        }
        var limited = c.await(ServerMessage.Error.class, e -> e.code().equals("rate_limited"), TIMEOUT);
        assertThat(limited.retryAfterMs()).isPositive();
        assertThat(limited.message()).contains("too fast");
        assertThat(limited.ref()).startsWith("s");
        // Waiting as long as the server said to is the behaviour under test, not a wait for an event.
        // A spam message still in flight may take the token that refilled meanwhile; a well-behaved
        // client then gets a new retry-after and follows it again (the same clientMessageId).
        String cid = ChatClients.clientId();
        long wait = limited.retryAfterMs();
        ChatEvent.Ack calm = null;
        for (int attempt = 0; attempt < 5 && calm == null; attempt++) {
            Thread.sleep(Duration.ofMillis(wait).plusMillis(50));
            String ref = "calm-" + attempt;
            c.send(new ChatCommand.Send("space", "calm again", cid, null, ref));
            var answer = c.await(ServerMessage.class, m -> m instanceof ChatEvent.Ack a && cid.equals(a.clientMessageId())
                    || m instanceof ServerMessage.Error e && ref.equals(e.ref()), TIMEOUT);
            if (answer instanceof ChatEvent.Ack a) {
                calm = a;
            } else {
                wait = ((ServerMessage.Error) answer).retryAfterMs();
            }
        }
        assertThat(calm).as("accepted after following retry-after").isNotNull();
        await().atMost(TIMEOUT).until(() -> IntStream.range(0, spam)
                .allMatch(i -> acked.contains("s" + i) || refused.contains("s" + i)));
        long spamAcked = IntStream.range(0, spam).filter(i -> acked.contains("s" + i)).count();
        assertThat(spamAcked).as("the burst gets through").isGreaterThanOrEqualTo(burst);
        assertThat(refused).as("and the rest of the spam does not").isNotEmpty();
        List<ChatMessage> all = history(SERVER, cat, spaceId, null, 100);
        assertThat(all).as("exactly what was acknowledged: the spam that got through and one calm message")
                .hasSize((int) spamAcked + 1);
    }

    @Test
    void historySurvivesARestartExactlyOnceAndNumberingGoesOn() {
        AuthResponse dan = SERVER.register("dan");
        AuthResponse eve = SERVER.register("eve");
        String spaceId = space(SERVER, dan);
        Connection d = SERVER.join(dan, spaceId);
        SERVER.join(eve, spaceId);
        var dm = new io.skyscope.client.ChatApi(SERVER.api()).openConversation(dan.accessToken(), spaceId,
                List.of(eve.userId()), null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(send(d, "space", "before restart " + i).messageId());
        }
        String convMessage = send(d, "conv:" + dm.id(), "private note").messageId();

        SERVER.stop();
        SERVER.start();

        assertThat(history(SERVER, eve, spaceId, null, 4)).extracting(ChatMessage::id)
                .containsExactlyElementsOf(ids.reversed());
        var convPage = new io.skyscope.client.ChatApi(SERVER.api()).conversationMessages(eve.accessToken(), dm.id(),
                null, 10);
        assertThat(convPage.messages()).extracting(ChatMessage::id).containsExactly(convMessage);
        Connection again = SERVER.join(dan, spaceId);
        String next = send(again, "space", "after restart").messageId();
        assertThat(next).isGreaterThan(ids.getLast());
        assertThat(history(SERVER, eve, spaceId, null, 50)).hasSize(16);
    }
}
