package io.skyscope.server.cluster;

import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.testing.EmbeddedMongo;
import io.skyscope.server.testing.RedisServer;
import io.skyscope.server.testing.ServerProcess;
import io.skyscope.server.testing.StoreProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Two server nodes sharing one Redis and one store, both started by the test: node A runs in this
 * JVM (so a test can look inside), node B is a separate operating-system process. Clients are
 * client-core's real HTTP and WebSocket clients.
 */
final class TwoNodes implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Generous: a JVM and its store connection on a busy 2-core machine. */
    private static final Duration START = Duration.ofSeconds(120);
    private static final AtomicInteger USERS = new AtomicInteger();

    private final Map<String, String> env;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Connection> connections = new ArrayList<>();
    private SkyScopeServer a;
    private ServerProcess b;
    private SkyScopeApi apiA;
    private SkyScopeApi apiB;

    TwoNodes(RedisServer redis, StoreProcess store) {
        env = new HashMap<>(Map.of("REDIS_URL", redis.url(), "MONGO_URI", store.uri(),
                "JWT_SECRET", "a shared secret for every node of this test, 40+ chars", "HOST", "127.0.0.1",
                "CHAT_RATE_PER_SECOND", "1000", "CHAT_BURST", "1000", "MAX_SPEED", "5000"));
        try {
            dir = Files.createTempDirectory("skyscope-nodes-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TwoNodes start() {
        startA();
        startB();
        return this;
    }

    void startA() {
        var config = ServerConfig.fromEnvironment(withDataDir("a")).withPort(0);
        a = SkyScopeServer.start(config);
        apiA = new SkyScopeApi(URI.create("http://127.0.0.1:" + a.port() + "/"), http);
    }

    /** Node B's own account of what happened, for the test report. */
    private void printLogOfB() {
        b.log().lines().filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("ClusterSpaces"))
                .forEach(l -> System.out.println("node B: " + l));
    }

    void startB() {
        if (b != null) {
            printLogOfB();
        }
        b = ServerProcess.start(dir.resolve("b"), env, START);
        apiB = new SkyScopeApi(b.base(), http);
    }

    /** Kills node B (SIGKILL) and starts it again on the same port, as a crashed node restarted by its supervisor. */
    void restartB() {
        int port = b.base().getPort();
        b.kill();
        printLogOfB();
        Map<String, String> samePort = new HashMap<>(env);
        samePort.put("PORT", String.valueOf(port));
        b = ServerProcess.start(dir.resolve("b"), samePort, START);
    }

    String password(AuthResponse user) {
        return "violet harbor lantern " + user.username();
    }

    private Map<String, String> withDataDir(String node) {
        Map<String, String> e = new HashMap<>(env);
        e.put("DATA_DIR", dir.resolve(node).toString());
        e.put("PORT", "0");
        return e;
    }

    SkyScopeServer a() {
        return a;
    }

    ServerProcess b() {
        return b;
    }

    SkyScopeApi apiA() {
        return apiA;
    }

    SkyScopeApi apiB() {
        return apiB;
    }

    /** The node's {@code GET /health} status: 200 while its storage and bus are up, else 503. */
    int health(SkyScopeApi api) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(api.base().resolve("health"))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpClient http() {
        return http;
    }

    AuthResponse register(SkyScopeApi api, String prefix) {
        String name = prefix + USERS.incrementAndGet() + "n" + ProcessHandle.current().pid();
        return api.register(name, "violet harbor lantern " + name, prefix);
    }

    /** Connects through {@code api}'s node and joins the space; returns after the welcome. */
    Connection join(SkyScopeApi api, AuthResponse user, String spaceId) {
        return join(api, user, spaceId, m -> {
        });
    }

    /** The same, with {@code listener} receiving every message from before the join is sent. */
    Connection join(SkyScopeApi api, AuthResponse user, String spaceId, Consumer<ServerMessage> listener) {
        Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
        connections.add(c);
        c.onMessage(listener);
        c.send(new ClientMessage.Join(spaceId, "join-" + user.userId()));
        c.await(ServerMessage.Welcome.class, w -> "join-".concat(user.userId()).equals(w.ref()), TIMEOUT);
        return c;
    }

    /** Closes the connections opened so far (the end of a test). */
    void closeConnections() {
        connections.forEach(Connection::abort);
        connections.clear();
    }

    @Override
    public void close() {
        closeConnections();
        if (b != null) {
            b.close();
            printLogOfB();
        }
        if (a != null) {
            a.close();
        }
        EmbeddedMongo.deleteTree(dir);
    }
}
