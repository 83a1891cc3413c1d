package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.ChatApi;
import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ChatEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.testing.EmbeddedMongo;
import io.skyscope.server.testing.StoreProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults a user would run into, over real sockets, with the store as a separate process: the
 * store going away (senders get an error they can retry, never a false acknowledgement), and a
 * client that stops reading (it is disconnected; the others do not slow down).
 */
class FaultsEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static final StoreProcess STORE = new StoreProcess();

    private static Path dataDir;
    private static SkyScopeServer server;
    private static SkyScopeApi api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("skyscope-faults");
        server = SkyScopeServer.start(ServerConfig.fromEnvironment(Map.of("MONGO_URI", STORE.uri(),
                "DATA_DIR", dataDir.toString(), "PORT", "0", "HOST", "127.0.0.1",
                "CHAT_RATE_PER_SECOND", "10000", "CHAT_BURST", "10000")));
        api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"), HTTP);
    }

    @AfterAll
    static void stop() {
        server.close();
        EmbeddedMongo.deleteTree(dataDir);
    }

    @Test
    void whileTheStoreIsAwayChatGetsARetryableErrorAndTheRetryIsStoredOnce() {
        AuthResponse ann = register("ann");
        String space = api.createSpace(ann.accessToken(), "Store " + UUID.randomUUID(), "public").id();
        Connection c = join(ann, space);

        STORE.stop();
        String clientId = "cm-" + UUID.randomUUID();
        var send = new ChatCommand.Send("space", "written while the store was away", clientId, null, "s1");
        c.send(send);
        var error = c.await(ServerMessage.Error.class, e -> "s1".equals(e.ref()), TIMEOUT);
        assertThat(error.code()).isEqualTo("store_unavailable");
        assertThat(error.retryAfterMs()).isNotNull();
        STORE.start();

        // The retry (same clientMessageId) is acknowledged once the store is back, and stored once.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            c.send(send);
            assertThat(c.await(ChatEvent.Ack.class, a -> clientId.equals(a.clientMessageId()), Duration.ofSeconds(5)))
                    .isNotNull();
        });
        c.send(send);
        c.await(ChatEvent.Ack.class, a -> clientId.equals(a.clientMessageId()), TIMEOUT);
        var history = new ChatApi(api).spaceMessages(ann.accessToken(), space, "space", null, 50);
        assertThat(history.messages()).filteredOn(m -> m.text().equals(send.text())).hasSize(1);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersKeepUp() throws Exception {
        AuthResponse writer = register("writer");
        AuthResponse reader = register("reader");
        AuthResponse sleeper = register("sleeper");
        String space = api.createSpace(writer.accessToken(), "Slow " + UUID.randomUUID(), "public").id();
        Connection w = join(writer, space);
        Connection r = join(reader, space);
        try (var slow = RawWebSocket.open(server.port(), sleeper.accessToken(), 4096)) {
            slow.sendText("{\"type\":\"join\",\"spaceId\":\"" + space + "\",\"ref\":\"j\"}");
            // All three stand at the entrance, so the writer may signal the sleeper.
            w.await(ServerMessage.VoiceJoin.class, j -> j.peerId().equals(sleeper.userId()), TIMEOUT);

            // More than the sleeper's socket buffers (large signals) and outbound queue (many
            // small ones) hold; it reads none of it.
            var big = JsonNodeFactory.instance.objectNode().put("sdp", "x".repeat(15_000));
            var small = JsonNodeFactory.instance.objectNode().put("sdp", "x");
            for (int i = 0; i < 600; i++) {
                w.send(new VoiceCommand.Signal(sleeper.userId(), big, null));
            }
            for (int i = 0; i < 2500; i++) {
                w.send(new VoiceCommand.Signal(sleeper.userId(), small, null));
            }
            w.send(new ChatCommand.Send("space", "is anyone slow?", "cm-" + UUID.randomUUID(), null, null));

            // The reader is not held up, and the sleeper is disconnected as too slow.
            r.await(ChatEvent.Message.class, m -> m.message().text().equals("is anyone slow?"), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> w.world().snapshot().person(sleeper.userId()) == null);
            assertThat(api.send("GET", "metrics", null, null, String.class))
                    .containsPattern("skyscope_ws_slow_clients_total [1-9]");
            // Its connection was cut (the close frame could not get past what it left unread).
            assertThat(slow.readUntilClosed()).isIn(CloseCodes.TOO_SLOW, -1);
        }
    }

    @Test
    void aClientThatStopsReadingCannotPinMuchOfTheServersMemory() throws Exception {
        AuthResponse writer = register("writer");
        AuthResponse sleeper = register("sleeper");
        String space = api.createSpace(writer.accessToken(), "Heavy " + UUID.randomUUID(), "public").id();
        Connection w = join(writer, space);
        long droppedBefore = slowClientsDropped();
        try (var slow = RawWebSocket.open(server.port(), sleeper.accessToken(), 4096)) {
            slow.sendText("{\"type\":\"join\",\"spaceId\":\"" + space + "\",\"ref\":\"j\"}");
            w.await(ServerMessage.VoiceJoin.class, j -> j.peerId().equals(sleeper.userId()), TIMEOUT);

            // Far fewer frames than the queue's 2,048, but many megabytes more than the socket
            // buffers hold: the characters queued, not only the frames, must be bounded.
            var big = JsonNodeFactory.instance.objectNode().put("sdp", "x".repeat(15_000));
            for (int i = 0; i < 800; i++) {
                w.send(new VoiceCommand.Signal(sleeper.userId(), big, null));
            }

            await().atMost(TIMEOUT).until(() -> slowClientsDropped() > droppedBefore);
            await().atMost(TIMEOUT).until(() -> w.world().snapshot().person(sleeper.userId()) == null);
        }
    }

    private static long slowClientsDropped() {
        return api.send("GET", "metrics", null, null, String.class).lines()
                .filter(l -> l.startsWith("skyscope_ws_slow_clients_total "))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip()))
                .findFirst().orElse(0);
    }

    private static AuthResponse register(String prefix) {
        String name = prefix + USERS.incrementAndGet() + "f" + ProcessHandle.current().pid();
        return api.register(name, "violet harbor lantern " + name, prefix);
    }

    private static Connection join(AuthResponse user, String spaceId) {
        Connection c = Connection.open(HTTP, api.webSocketUri(user.accessToken()), TIMEOUT);
        c.send(new ClientMessage.Join(spaceId, "j"));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }
}
