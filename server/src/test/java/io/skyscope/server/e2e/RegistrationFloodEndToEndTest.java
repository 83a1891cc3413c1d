package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.LoginRequest;
import io.skyscope.protocol.rest.RegisterRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hashing cannot starve sign-ins or {@code /health}: 300 registrations in flight at once, while
 * a known user signs in and the orchestrator asks for health. The registration limits and the
 * per-address connection cap are raised out of the way here (every request comes from
 * 127.0.0.1), so that what is under test is the rationing of password work itself.
 */
class RegistrationFloodEndToEndTest {
    private static final int HOSTILE = 300;
    /** Generous: before the fix a sign-in took 14 s under this load, and /health answered 503. */
    private static final Duration PROMPT = Duration.ofSeconds(3);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withProtection(c.protection()
            .withRegistrations(1_000_000, 1_000_000).withConnections(10_000, 10, 30)));

    private final HttpClient hostile = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void newAccountsFlooding() throws Exception {
        AuthResponse owner = SERVER.register("owner");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            flood.add(send(hostile, register("flood" + i, "quiet harbour lanterns glow " + i)));
        }
        underWay(flood);
        signInAndHealthArePrompt(owner);

        Map<Integer, Integer> statuses = settle(flood);
        assertThat(statuses.keySet()).as("created, or refused as busy: %s", statuses).isSubsetOf(201, 503);
        assertThat(statuses.get(503)).as("the excess is refused, not queued: %s", statuses).isNotNull();
        for (var f : flood) {
            HttpResponse<String> r = f.join();
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
    }

    @Test
    void aTakenNameFlooding() throws Exception {
        AuthResponse owner = SERVER.register("taken");
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            flood.add(send(hostile, register(owner.username(), "quiet harbour lanterns glow " + i)));
        }
        underWay(flood);
        signInAndHealthArePrompt(owner);
        assertThat(settle(flood)).as("a taken name is found before any hashing").containsOnlyKeys(409);
    }

    private void signInAndHealthArePrompt(AuthResponse user) {
        long start = System.nanoTime();
        var login = send(SERVER.http(), json("api/v1/auth/login",
                new LoginRequest(user.username(), "violet harbor lantern " + user.username())));
        var health = send(SERVER.http(), HttpRequest.newBuilder(SERVER.base().resolve("health"))
                .timeout(Duration.ofSeconds(60)).build());
        HttpResponse<String> healthAnswer = health.join();
        Duration healthTook = Duration.ofNanos(System.nanoTime() - start);
        HttpResponse<String> loginAnswer = login.join();
        Duration loginTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(healthAnswer.statusCode()).as(healthAnswer.body()).isEqualTo(200);
        assertThat(healthTook).as("health under load").isLessThan(PROMPT);
        assertThat(loginAnswer.statusCode()).as(loginAnswer.body()).isEqualTo(200);
        assertThat(loginTook).as("sign-in under load").isLessThan(PROMPT);
    }

    /** Waits until the server is answering the flood, so that the sign-in arrives in the thick of it. */
    private static void underWay(List<CompletableFuture<HttpResponse<String>>> flood) {
        await().atMost(Duration.ofSeconds(60)).until(() -> flood.stream().filter(CompletableFuture::isDone).count() >= 20);
    }

    private static Map<Integer, Integer> settle(List<CompletableFuture<HttpResponse<String>>> flood) {
        await().atMost(Duration.ofSeconds(120)).until(() -> flood.stream().allMatch(CompletableFuture::isDone));
        Map<Integer, Integer> statuses = new TreeMap<>();
        flood.forEach(f -> statuses.merge(f.join().statusCode(), 1, Integer::sum));
        return statuses;
    }

    private static HttpRequest register(String username, String password) {
        return json("api/v1/auth/register", new RegisterRequest(username, password, null, null));
    }

    private static HttpRequest json(String path, Object body) {
        try {
            return HttpRequest.newBuilder(SERVER.base().resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.strict().writeValueAsString(body))).build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient client, HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
