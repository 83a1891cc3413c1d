package io.skyscope.bench;

import io.skyscope.client.Connection;
import io.skyscope.client.People;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.FollowingList;
import io.skyscope.server.SkyScopeServer;
import io.skyscope.server.config.ServerConfig;
import io.skyscope.server.store.Follows;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Following at scale, through a real server (in this JVM, fresh embedded store) and real clients.
 *
 * <p>The Following list: a viewer follows {@code followed} people who share a space with them
 * (accounts and follows written to the store directly: registering that many over REST would
 * measure password hashing), of whom {@code online} are connected and standing in that space, so
 * the list asks the space's owner where each stands; {@code GET /api/v1/me/following} is timed
 * {@code requests} times after 10 unmeasured ones.
 *
 * <p>The alert fan-out: one person with {@code followers} connected followers connects; timed from
 * opening that connection to the last follower holding its {@code follow.online}.
 *
 * <p>Usage: {@code FollowBenchmark <followed> <online> <requests> <followers>}.
 */
public final class FollowBenchmark {
    private FollowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int followed = Integer.parseInt(args[0]);
        int online = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int followers = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("skyscope-follow-bench");
        var config = ServerConfig.defaults(dir).withPort(0);
        config = config.withProtection(config.protection().withConnections(1_000_000, 10, 30)
                .withRegistrations(1_000_000, 1_000_000));
        try (SkyScopeServer server = SkyScopeServer.start(config)) {
            var http = HttpClient.newHttpClient();
            var api = new SkyScopeApi(URI.create("http://127.0.0.1:" + server.port() + "/"), http);
            list(server, api, http, followed, online, requests);
            fanOut(server, api, http, followers);
        }
    }

    private static void list(SkyScopeServer server, SkyScopeApi api, HttpClient http, int followed, int online,
                             int requests) throws Exception {
        AuthResponse viewer = register(api, "viewer");
        String space = api.createSpace(viewer.accessToken(), "Bench", "private").id();
        var users = new Users(server.store());
        var memberships = new Memberships(server.store());
        var follows = new Follows(server.store());
        Instant now = Instant.now();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < followed; i++) {
            String userId;
            if (i < online) {
                AuthResponse person = register(api, "on");
                userId = person.userId();
                memberships.put(space, userId, Memberships.MEMBER, now);
                Connection c = Connection.open(http, api.webSocketUri(person.accessToken()), Measure.WAIT);
                c.send(new ClientMessage.Join(space, "j"));
                c.await(ServerMessage.Welcome.class, Measure.WAIT);
                connections.add(c);
            } else {
                userId = users.create("off" + i + "x" + ProcessHandle.current().pid(), "Off " + i, "x", false, now).id();
                memberships.put(space, userId, Memberships.MEMBER, now);
            }
            follows.add(viewer.userId(), userId, now.plusMillis(i));
        }
        var people = new People(api, viewer::accessToken);
        for (int i = 0; i < 10; i++) {
            people.following();
        }
        long[] nanos = new long[requests];
        FollowingList last = null;
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            last = people.following();
            nanos[i] = System.nanoTime() - start;
        }
        long placed = last.people().stream().filter(p -> p.x() != null).count();
        System.out.printf(Locale.ROOT, "following list: %d followed, %d online (%d placed): p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms over %d requests%n", last.people().size(), online, placed,
                Measure.pct(nanos, 50, 1e6), Measure.pct(nanos, 90, 1e6), Measure.pct(nanos, 99, 1e6),
                Measure.pct(nanos, 100, 1e6), requests);
        connections.forEach(Connection::abort);
    }

    private static void fanOut(SkyScopeServer server, SkyScopeApi api, HttpClient http, int followers)
            throws Exception {
        AuthResponse star = register(api, "star");
        String space = api.createSpace(star.accessToken(), "Fans", "private").id();
        var memberships = new Memberships(server.store());
        var follows = new Follows(server.store());
        AtomicInteger told = new AtomicInteger();
        AtomicLong lastAt = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < followers; i++) {
            AuthResponse fan = register(api, "fan");
            memberships.put(space, fan.userId(), Memberships.MEMBER, Instant.now());
            follows.add(fan.userId(), star.userId(), Instant.now());
            Connection c = Connection.open(http, api.webSocketUri(fan.accessToken()), Measure.WAIT);
            c.onMessage(m -> People.alert(m).ifPresent(n -> {
                lastAt.set(System.nanoTime());
                told.incrementAndGet();
            }));
            connections.add(c);
        }
        long start = System.nanoTime();
        Connection starring = Connection.open(http, api.webSocketUri(star.accessToken()), Measure.WAIT);
        Measure.waitUntil(() -> told.get() >= followers);
        System.out.printf(Locale.ROOT, "alert fan-out: %d followers told %.1f ms after the connection opened"
                + " (first to last delivery)%n", followers, (lastAt.get() - start) / 1e6);
        starring.abort();
        connections.forEach(Connection::abort);
    }

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static AuthResponse register(SkyScopeApi api, String prefix) {
        String name = prefix + NAMES.incrementAndGet() + "x" + ProcessHandle.current().pid();
        return api.register(name, "violet harbor lantern " + name, prefix);
    }
}
