package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.space.SpaceService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of hostile frames and REST bodies while well-behaved clients use the same space: every
 * bad frame gets an error naming the problem (or its connection is closed with a 4xxx or 1009
 * code), nothing produces an internal error, the server stays up, and the well-behaved clients
 * keep moving and getting answers. The seed is printed; rerun one with {@code -Dfuzz.seed=N}.
 */
class FuzzTest {
    private static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    private static final int FUZZERS = 6;
    private static final int FRAMES_EACH = 400;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void hostileFramesNeverHurtTheServerOrOtherClients() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        AuthResponse ana = SERVER.register("calm");
        AuthResponse ben = SERVER.register("calm");
        Connection a = SERVER.join(ana, OFFICE);
        Connection b = SERVER.join(ben, OFFICE);
        var calmErrors = new ConcurrentLinkedQueue<ServerMessage>();
        a.onMessage(m -> {
            if (m instanceof ServerMessage.Error || m instanceof ServerMessage.Correction) {
                calmErrors.add(m);
            }
        });

        var problems = new ConcurrentLinkedQueue<String>();
        List<Thread> fuzzers = new ArrayList<>();
        for (int f = 0; f < FUZZERS; f++) {
            long fuzzSeed = seed + f;
            AuthResponse user = SERVER.register("fuzz");
            fuzzers.add(Thread.ofVirtual().start(() -> fuzz(user, fuzzSeed, problems)));
        }

        var start = a.world().snapshot().self();
        double x = start.x();
        int rounds = 0;
        while (fuzzers.stream().anyMatch(Thread::isAlive)) {
            a.send(new ClientMessage.Ping("calm-" + rounds));
            a.await(ServerMessage.Pong.class, p -> p.ref().startsWith("calm-"), TIMEOUT);
            double target = x + ((rounds % 2 == 0) ? 8 : -8);
            a.move(target, start.y());
            rounds++;
            Thread.sleep(100);
        }
        for (Thread t : fuzzers) {
            t.join();
        }
        assertThat(problems).isEmpty();
        assertThat(rounds).isPositive();
        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
        b.send(new ClientMessage.Ping("after"));
        b.await(ServerMessage.Pong.class, p -> "after".equals(p.ref()), TIMEOUT);
        assertThat(calmErrors).as("the calm client's own traffic was never refused").isEmpty();
        assertThat(errorsSeen.get()).as("bad frames were answered with errors").isGreaterThan(FUZZERS * 10);
    }

    private static final java.util.concurrent.atomic.AtomicInteger errorsSeen = new java.util.concurrent.atomic.AtomicInteger();

    private static Connection fuzzConnection(AuthResponse user, long seed, ConcurrentLinkedQueue<String> problems) {
        Connection c = SERVER.connect(user);
        c.onMessage(m -> {
            if (m instanceof ServerMessage.Error e) {
                errorsSeen.incrementAndGet();
                if (e.code().equals("internal") || e.message() == null || e.message().isBlank()) {
                    problems.add("seed " + seed + ": error without a useful message: " + e);
                }
            }
        });
        return c;
    }

    private static void fuzz(AuthResponse user, long seed, ConcurrentLinkedQueue<String> problems) {
        var fuzzer = new FrameFuzzer(seed);
        Connection c = fuzzConnection(user, seed, problems);
        for (int i = 0; i < FRAMES_EACH; i++) {
            if (!c.isOpen()) {
                var closed = c.closed().join();
                if (closed.code() < 4000 && closed.code() != 1009) {
                    problems.add("seed " + seed + ": closed with " + closed);
                }
                c = fuzzConnection(user, seed, problems);
            }
            c.sendRaw(fuzzer.next("f" + i));
            if (i % 30 == 29) {
                sleep(1000);
            }
        }
    }

    @Test
    void hostileRestBodiesGetClientErrorsNeverServerErrors() throws Exception {
        AuthResponse user = SERVER.register("rest");
        String[] routes = {"POST api/v1/auth/register", "POST api/v1/auth/login", "POST api/v1/auth/refresh",
                "PATCH api/v1/me", "POST api/v1/me/password", "POST api/v1/spaces",
                "PUT api/v1/spaces/office/members/x"};
        String[] bodies = {"", "{", "[]", "null", "{\"username\":1}", "{\"username\":\"a\",\"username\":\"b\"}",
                "{\"displayName\":\"" + "x".repeat(10_000) + "\"}", "{\"status\":\"asleep\"}", "{\"name\":null}",
                "{\"visibility\":\"secret\",\"name\":\"x\"}", "{\"role\":\"god\"}", "\u0000", "{\"password\":[1]}",
                "{\"refreshToken\":\"" + "z".repeat(3000) + "\"}"};
        var random = new Random(Long.getLong("fuzz.seed", 1));
        for (int i = 0; i < 300; i++) {
            String[] route = routes[random.nextInt(routes.length)].split(" ");
            String body = bodies[random.nextInt(bodies.length)];
            var request = HttpRequest.newBuilder(SERVER.base().resolve(route[1]))
                    .header("Authorization", "Bearer " + user.accessToken())
                    .header("Content-Type", "application/json")
                    .method(route[0], HttpRequest.BodyPublishers.ofString(body)).build();
            var response = SERVER.http().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s with %s: %s", route[0], route[1],
                    body.length() > 60 ? body.substring(0, 60) + "…" : body, response.body()).isBetween(400, 499);
            assertThat(response.body()).contains("\"code\"").contains("\"message\"");
        }
        var health = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
