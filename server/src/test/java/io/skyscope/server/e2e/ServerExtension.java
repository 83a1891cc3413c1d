package io.skyscope.server.e2e;

import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.client.Session;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.SpaceView;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real server on a free port with an embedded store in a fresh directory, and gives
 * tests real HTTP and WebSocket clients from client-core. Stops everything after the class.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger USERS = new AtomicInteger();

    private final UnaryOperator<ServerConfig> customize;
    private final List<Connection> connections = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Path dataDir;
    private SkyScopeServer server;
    private SkyScopeApi api;

    public ServerExtension() {
        this(UnaryOperator.identity());
    }

    public ServerExtension(UnaryOperator<ServerConfig> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("skyscope-test");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        deleteRecursively(dataDir);
    }

    /** Starts (again) on a free port with the same data directory. */
    public void start() {
        ServerConfig config = customize.apply(ServerConfig.defaults(dataDir).withPort(0));
        server = SkyScopeServer.start(config.withHost("127.0.0.1"));
        api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"), http);
    }

    public void stop() {
        connections.forEach(Connection::close);
        connections.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The data directory the server keeps its store in (across restarts). */
    public Path dataDir() {
        return dataDir;
    }

    public SkyScopeServer server() {
        return server;
    }

    public SkyScopeApi api() {
        return api;
    }

    public HttpClient http() {
        return http;
    }

    public URI base() {
        return api.base();
    }

    /** Registers a fresh user with a unique name. */
    public AuthResponse register(String prefix) {
        String name = prefix + USERS.incrementAndGet();
        return api.register(name, "violet harbor lantern " + name, prefix + " " + USERS.get());
    }

    public Connection connect(AuthResponse user) {
        return connectWith(user.accessToken());
    }

    /** Opens a WebSocket with this access token; fails as the handshake does. */
    public Connection connectWith(String accessToken) {
        Connection c = Connection.open(http, api.webSocketUri(accessToken), TIMEOUT);
        connections.add(c);
        return c;
    }

    /** Connects and joins a space; returns the connection after its welcome. */
    public Connection join(AuthResponse user, String spaceId) {
        Connection c = connect(user);
        c.send(new ClientMessage.Join(spaceId, "join-" + user.userId()));
        c.await(ServerMessage.Welcome.class, TIMEOUT);
        return c;
    }

    /** A private space of {@code owner}'s that {@code guest} joined by an invite; its id. */
    public String shareASpace(AuthResponse owner, AuthResponse guest) {
        String space = api.createSpace(owner.accessToken(), "Room " + UUID.randomUUID(), "private").id();
        InviteView invite = api.send("POST", "api/v1/spaces/" + space + "/invites", owner.accessToken(), null,
                InviteView.class);
        api.send("POST", "api/v1/invites/" + invite.code() + "/accept", guest.accessToken(), null, SpaceView.class);
        return space;
    }

    /** Registers a fresh user and opens a client-core session of theirs in the space; returns once its map arrived. */
    public Session session(String prefix, String spaceId, Session.Options options) {
        var user = register(prefix);
        Session s = Session.open(api, new Session.Credentials(user.username(),
                "violet harbor lantern " + user.username(), null), spaceId, options);
        await().atMost(TIMEOUT).until(() -> s.snapshot().map() != null);
        return s;
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
