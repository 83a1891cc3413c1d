package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.LoginRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lock-out is no weapon: an attacker spending wrong passwords on someone's account only slows
 * down themselves. The server believes 127.0.0.1 as a reverse proxy, so that X-Forwarded-For
 * stands for distinct client addresses over loopback.
 */
class SignInThrottleEndToEndTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final String OWNER = "198.51.100.9";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(
            c -> c.withProtection(c.protection().withTrustedProxies(List.of("127.0.0.1"))));

    @Test
    void wrongPasswordsFromOneAddressBackOffThereButNeverLockTheOwnerOut() throws Exception {
        AuthResponse victim = SERVER.register("victim");
        String password = "violet harbor lantern " + victim.username();

        for (int i = 0; i < 5; i++) {
            assertThat(login(ATTACKER, victim.username(), "guess number " + i).statusCode()).isEqualTo(401);
        }
        List<Long> retryAfter = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            HttpResponse<String> refused = login(ATTACKER, victim.username(), "guess again " + round);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            long seconds = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            retryAfter.add(seconds);
            if (round < 2) {
                long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> System.nanoTime() > until);
                assertThat(login(ATTACKER, victim.username(), "guess later " + round).statusCode()).isEqualTo(401);
            }
        }
        assertThat(retryAfter).as("the attacker's back-off doubles").containsExactly(1L, 2L, 4L);

        // Meanwhile the owner signs in from elsewhere at once, and the session opened before works on.
        HttpResponse<String> owner = login(OWNER, victim.username(), password);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        HttpResponse<String> me = SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("api/v1/me"))
                .header("Authorization", "Bearer " + victim.accessToken()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        // And the attacker is still refused.
        assertThat(login(ATTACKER, victim.username(), password).statusCode()).isEqualTo(429);
    }

    private static HttpResponse<String> login(String from, String username, String password) throws Exception {
        URI uri = SERVER.base().resolve("api/v1/auth/login");
        String body = Json.strict().writeValueAsString(new LoginRequest(username, password));
        return SERVER.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
