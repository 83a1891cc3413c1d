package io.skyscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LOG_FORMAT=json}: the server process, with its own logging configuration (logback.xml,
 * not the tests' one), writes one JSON object a line, and a line written while handling a
 * WebSocket frame or a REST request carries the ids of who and what it was for.
 */
class StructuredLogTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void everyLineIsAJsonObjectCarryingTheIdsOfItsFrameOrRequest() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of("LOG_FORMAT", "json"), serverLogConfig(), START)) {
            var api = new SkyScopeApi(server.base(), http);
            AuthResponse owner = api.register("logger", "violet tundra lantern quiz", "Log Owner");
            String spaceId = api.createSpace(owner.accessToken(), "Log room", "public").id();

            // REST: setting a space's chat retention is logged; its line names the request and the user.
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(
                            server.base().resolve("/api/v1/spaces/" + spaceId + "/chat-settings"))
                    .header("Authorization", "Bearer " + owner.accessToken())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"retentionDays\":30}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            String requestId = set.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(requestId).matches("[0-9a-f]{16}");
            JsonNode retention = awaitLine(server, "set chat retention");
            assertThat(retention.path("requestId").asText()).isEqualTo(requestId);
            assertThat(retention.path("userId").asText()).isEqualTo(owner.userId());
            assertThat(retention.has("sessionId")).isFalse();

            // WebSocket: in the space, then bad frames until the server disconnects the flooder.
            Connection connection = Connection.open(http, api.webSocketUri(owner.accessToken()), TIMEOUT);
            connection.send(new ClientMessage.Join(spaceId, "j"));
            connection.await(ServerMessage.Welcome.class, TIMEOUT);
            for (int i = 0; i < 200 && connection.isOpen(); i++) {
                connection.sendRaw("{\"type\":\"no-such-message\"}");
            }
            assertThat(connection.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code())
                    .isEqualTo(CloseCodes.FLOODING);
            JsonNode flooding = awaitLine(server, "disconnected for flooding");
            assertThat(flooding.path("userId").asText()).isEqualTo(owner.userId());
            assertThat(flooding.path("sessionId").asText()).isNotBlank();
            assertThat(flooding.path("spaceId").asText()).isEqualTo(spaceId);
            assertThat(flooding.has("requestId")).as("nothing left over from a request").isFalse();

            List<String> lines = completeLines(server);
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject())
                    .as("one JSON object a line: %s", line).isTrue());
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("SkyScope is running at"));
        }
    }

    @Test
    void aSafeIncomingRequestIdIsKeptAndAnyOtherReplaced() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of("LOG_FORMAT", "json"), serverLogConfig(), START)) {
            URI health = server.base().resolve("/health");
            assertThat(requestId(health, "proxy-7f3a.42:1")).isEqualTo("proxy-7f3a.42:1");
            assertThat(requestId(health, "x".repeat(65))).matches("[0-9a-f]{16}");
            assertThat(requestId(health, "a b\"c")).matches("[0-9a-f]{16}");
            assertThat(requestId(health, null)).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void aWrongLogFormatStopsTheServerNamingIt() {
        assertThatThrownBy(() -> ServerProcess.start(dataDir, Map.of("LOG_FORMAT", "yaml"), serverLogConfig(), START))
                .hasMessageContaining("SkyScope cannot start: LOG_FORMAT: must be 'text' or 'json', got 'yaml'");
    }

    /** The server's own logback.xml: the test class path also holds logback-test.xml, which would win. */
    private static List<String> serverLogConfig() throws Exception {
        return List.of("-Dlogback.configurationFile=" + Path.of(ServerMain.class.getResource("/logback.xml").toURI()));
    }

    private String requestId(URI uri, String incoming) throws Exception {
        var request = HttpRequest.newBuilder(uri);
        if (incoming != null) {
            request.header("X-Request-Id", incoming);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /** The lines the server has finished writing (not one it is still in the middle of). */
    private static List<String> completeLines(ServerProcess server) {
        String log = server.log();
        return log.substring(0, log.lastIndexOf('\n') + 1).lines().toList();
    }

    /** The first log line whose message contains {@code text}, once the server has written it. */
    private static JsonNode awaitLine(ServerProcess server, String text) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (String line : completeLines(server)) {
                JsonNode node = JSON.readTree(line);
                if (node.path("message").asText().contains(text)) {
                    found.set(node);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }
}
