package io.skyscope.server.chat;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.MessagePage;
import io.skyscope.server.testing.EmbeddedMongo;
import io.skyscope.server.testing.ServerProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost, even when the server process is killed (SIGKILL) while messages
 * are being acknowledged: after a restart on the same data, history holds every acknowledged
 * message exactly once, and retrying the unacknowledged ones creates no duplicates.
 */
class ChatCrashTest {
    private static final Duration START = Duration.ofSeconds(60);
    /** For hundreds of sends on a busy machine. */
    private static final Duration BULK = Duration.ofSeconds(90);
    private static final int SENDERS = 3;
    private static final int PER_SENDER = 100;
    private static final Map<String, String> ENV = Map.of("CHAT_RATE_PER_SECOND", "10000", "CHAT_BURST", "10000");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatCrashTest.class);

    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;

    @BeforeEach
    void dataDir() throws Exception {
        dataDir = Files.createTempDirectory("skyscope-crash");
    }

    @AfterEach
    void cleanUp() {
        if (System.getenv("SKYSCOPE_KEEP_CRASH_DATA") == null) {
            EmbeddedMongo.deleteTree(dataDir);
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillExactlyOnce() {
        Map<String, String> acked = new ConcurrentHashMap<>();   // clientMessageId -> messageId
        Map<String, String> sent = new HashMap<>();             // clientMessageId -> text
        List<AuthResponse> users = new ArrayList<>();
        String spaceId;
        String convId;
        try (ServerProcess server = ServerProcess.start(dataDir, ENV, START)) {
            LOG.info("started");
            var api = new SkyScopeApi(server.base(), http);
            for (int i = 0; i < SENDERS; i++) {
                users.add(api.register("crash" + i, "violet harbor lantern " + i, "Crash " + i));
            }
            spaceId = api.createSpace(users.get(0).accessToken(), "Crash room", "public").id();
            List<Connection> connections = new ArrayList<>();
            for (AuthResponse user : users) {
                Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
                c.send(new ClientMessage.Join(spaceId, "j"));
                c.await(ServerMessage.Welcome.class, TIMEOUT);
                c.onMessage(m -> {
                    if (m instanceof ChatEvent.Ack a) {
                        acked.put(a.clientMessageId(), a.messageId());
                    }
                });
                connections.add(c);
            }
            convId = new ChatApi(api).openConversation(users.get(0).accessToken(), spaceId,
                    List.of(users.get(1).userId(), users.get(2).userId()), "crash group").id();

            LOG.info("sending");
            for (int i = 0; i < PER_SENDER; i++) {
                for (int s = 0; s < SENDERS; s++) {
                    String cid = "crash-" + s + "-" + i;
                    String channel = i % 2 == 0 ? "space" : "conv:" + convId;
                    String text = "message " + i + " from " + s;
                    sent.put(cid, channel + "|" + text);
                    connections.get(s).send(new ChatCommand.Send(channel, text, cid, null, null));
                }
            }
            // Kill while acknowledgements are still arriving.
            await().atMost(BULK).pollInterval(Duration.ofMillis(1)).until(() -> acked.size() >= sent.size() / 2);
            server.kill();
            connections.forEach(Connection::close);
        }
        Map<String, String> ackedAtKill = Map.copyOf(acked);
        LOG.info("killed the server with {} of {} sends acknowledged", ackedAtKill.size(), sent.size());
        assertThat(ackedAtKill).isNotEmpty();

        try (ServerProcess server = ServerProcess.start(dataDir, ENV, START)) {
            LOG.info("restarted");
            var api = new SkyScopeApi(server.base(), http);
            var chat = new ChatApi(api);
            AuthResponse reader = api.login("crash1", "violet harbor lantern 1");
            List<ChatMessage> stored = new ArrayList<>(all(p -> chat.spaceMessages(reader.accessToken(), spaceId, null, p, 100)));
            stored.addAll(all(p -> chat.conversationMessages(reader.accessToken(), convId, p, 100)));
            Map<String, Long> copies = stored.stream().collect(Collectors.groupingBy(ChatMessage::id, Collectors.counting()));
            assertThat(copies.values()).as("no message twice").containsOnly(1L);
            assertThat(copies.keySet()).as("every acknowledged message is there")
                    .containsAll(ackedAtKill.values());

            LOG.info("history checked");
            // Retrying everything (acknowledged or not) with the same ids stores nothing twice.
            Map<String, String> retried = new ConcurrentHashMap<>();
            List<ServerMessage.Error> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                AuthResponse user = api.login("crash" + s, "violet harbor lantern " + s);
                Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
                c.onMessage(m -> {
                    if (m instanceof ChatEvent.Ack a) {
                        retried.put(a.clientMessageId(), a.messageId());
                    } else if (m instanceof ServerMessage.Error e) {
                        errors.add(e);
                    }
                });
                c.send(new ClientMessage.Join(spaceId, "j"));
                c.await(ServerMessage.Welcome.class, TIMEOUT);
                for (int i = 0; i < PER_SENDER; i++) {
                    String cid = "crash-" + s + "-" + i;
                    String[] channelText = sent.get(cid).split("\\|", 2);
                    c.send(new ChatCommand.Send(channelText[0], channelText[1], cid, null, null));
                }
            }
            await().atMost(BULK).until(() -> retried.size() == sent.size() || !errors.isEmpty());
            assertThat(errors).isEmpty();
            ackedAtKill.forEach((cid, id) -> assertThat(retried.get(cid)).as("same id for " + cid).isEqualTo(id));
            List<ChatMessage> after = new ArrayList<>(all(p -> chat.spaceMessages(reader.accessToken(), spaceId, null, p, 100)));
            after.addAll(all(p -> chat.conversationMessages(reader.accessToken(), convId, p, 100)));
            assertThat(after).hasSize(sent.size());
            assertThat(after.stream().map(m -> m.channel() + "|" + m.text()).distinct()).hasSize(sent.size());
        }
    }

    private static List<ChatMessage> all(java.util.function.Function<String, MessagePage> fetch) {
        List<ChatMessage> all = new ArrayList<>();
        String before = null;
        do {
            MessagePage page = fetch.apply(before);
            all.addAll(page.messages());
            before = page.nextBefore();
        } while (before != null);
        return all;
    }
}
