package io.skyscope.desktop.e2e;

import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real SkyScope server on a free loopback port with an embedded store in a fresh directory,
 * plus headless clients (client-core over real sockets) to share the office with.
 */
public final class TestServer implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final String OFFICE = "office";
    private static final AtomicInteger USERS = new AtomicInteger();

    private final Path dataDir;
    private final SkyScopeServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SkyScopeApi api;
    private final List<Connection> connections = new ArrayList<>();
    private final List<io.skyscope.client.Session> sessions = new ArrayList<>();

    private TestServer(Path dataDir, SkyScopeServer server) {
        this.dataDir = dataDir;
        this.server = server;
        this.api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"), http);
    }

    public static TestServer start() {
        return start(c -> c);
    }

    /** The server with its configuration changed by {@code tune} (mail, limits). */
    public static TestServer start(java.util.function.UnaryOperator<ServerConfig> tune) {
        try {
            Path dir = Files.createTempDirectory("skyscope-desktop-test");
            return new TestServer(dir, SkyScopeServer.start(tune.apply(ServerConfig.defaults(dir).withPort(0))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return api.base().toString();
    }

    public SkyScopeApi api() {
        return api;
    }

    public HttpClient http() {
        return http;
    }

    public static String password(String username) {
        return "violet harbor lantern " + username;
    }

    /** Registers a fresh user "prefixN" whose password is {@link #password(String)}. */
    public AuthResponse register(String prefix, String displayName) {
        String name = prefix + USERS.incrementAndGet();
        return api.register(name, password(name), displayName);
    }

    /**
     * A client-core session of {@code user} in the office, started (its welcome may still be on the
     * way); closed with the server.
     */
    public io.skyscope.client.Session session(AuthResponse user) {
        var session = io.skyscope.client.Session.open(api, new io.skyscope.client.Session.Credentials(
                user.username(), password(user.username()), null), OFFICE);
        sessions.add(session);
        return session;
    }

    /** A headless client in the office, after its welcome. */
    public Connection join(AuthResponse user) {
        Connection c = Connection.open(http, api.webSocketUri(user.accessToken()), TIMEOUT);
        connections.add(c);
        c.send(new ClientMessage.Join(OFFICE, "join-" + user.userId()));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
        sessions.forEach(io.skyscope.client.Session::close);
        server.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
