package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.Json;
import io.skyscope.protocol.rest.RegisterRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registrations are limited per client address and over the whole server, and every attempt
 * counts, even one for a name that is taken. 127.0.0.1 is a trusted proxy here, so that
 * X-Forwarded-For stands for distinct addresses over loopback.
 */
class RegistrationLimitsEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withProtection(c.protection()
            .withTrustedProxies(List.of("127.0.0.1")).withRegistrations(3, 5)));

    @Test
    void perAddressThenForTheWholeServerWithRetryAfter() throws Exception {
        String taken = SERVER.register("first").username(); // one of the five, from 127.0.0.1
        for (int i = 0; i < 3; i++) {
            assertThat(register("203.0.113.1", taken).statusCode()).isEqualTo(409);
        }
        HttpResponse<String> refused = register("203.0.113.1", taken);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1200");

        assertThat(register("203.0.113.2", taken).statusCode()).as("another address").isEqualTo(409);
        HttpResponse<String> full = register("203.0.113.3", taken);
        assertThat(full.statusCode()).as("the server's five are used").isEqualTo(429);
        assertThat(full.body()).contains("on this server");
    }

    private static HttpResponse<String> register(String from, String username) throws Exception {
        String body = Json.strict().writeValueAsString(new RegisterRequest(username, "quiet harbour lanterns", null, null));
        return SERVER.http().send(HttpRequest.newBuilder(SERVER.base().resolve("api/v1/auth/register"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", from).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
