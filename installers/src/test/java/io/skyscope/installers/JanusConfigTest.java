package io.skyscope.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.server.media.JanusTokens;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/janus, the compose file's {@code janus} service, run the way its container runs it:
 * {@code start.sh} writes the mounted configuration with the secrets from the environment and
 * starts Debian's {@code janus} (here on this machine, on loopback, instead of in an image). Janus
 * then asks for the API secret or a token signed with the shared secret, carries the AudioBridge
 * and the VideoRoom alone, creates rooms in either only for the admin key, and lets a client's
 * token (the AudioBridge's) attach to the AudioBridge but not to the VideoRoom; {@code start.sh} refuses to start without a
 * secret and names it.
 */
class JanusConfigTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path START = Compose.REPO.resolve("docker/janus/start.sh");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theMountedConfigurationRunsJanusWithTokensRequiredAndItsTwoPluginsAlone() throws Exception {
        Prerequisites.command("janus", "janus");
        int port = freeTcpPort();
        int rtp = freeUdpPort();
        Map<String, String> env = secrets();
        env.put("JANUS_HTTP_IP", "127.0.0.1");
        env.put("JANUS_HTTP_PORT", String.valueOf(port));
        env.put("JANUS_RTP_PORTS", rtp + "-" + Math.min(65535, rtp + 20));
        env.put("JANUS_CONF_DIR", work.resolve("conf").toString());
        String url = "http://127.0.0.1:" + port + "/janus";
        try (var janus = ChildProcess.start("janus", List.of("sh", START.toString()), env, work)) {
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var info = HttpRequest.newBuilder(URI.create(url + "/info")).timeout(Duration.ofSeconds(2)).GET().build();
            String[] body = new String[1];
            Awaitility.await("janus to answer; it printed:\n" + janus.output()).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        try {
                            HttpResponse<String> r = http.send(info, HttpResponse.BodyHandlers.ofString());
                            body[0] = r.body();
                            return r.statusCode() == 200;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
            JsonNode about = JSON.readTree(body[0]);
            assertThat(about.path("api_secret").asBoolean()).as("API secret required").isTrue();
            assertThat(about.path("auth_token").asBoolean()).as("signed tokens required").isTrue();
            assertThat(iterable(about.path("plugins"))).containsExactlyInAnyOrder(JanusApi.AUDIOBRIDGE,
                    JanusApi.VIDEOROOM);
            assertThat(iterable(about.path("transports"))).containsExactly("janus.transport.http");

            assertThatThrownBy(() -> JanusApi.withToken(url, null, TIMEOUT).createSession())
                    .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
            var client = JanusApi.withToken(url, new JanusTokens(env.get("JANUS_TOKEN_SECRET"), Clock.systemUTC())
                    .audioBridge(600), TIMEOUT);
            long clientSession = client.createSession();
            client.attach(clientSession, JanusApi.AUDIOBRIDGE);
            assertThatThrownBy(() -> client.attach(clientSession, JanusApi.VIDEOROOM))
                    .as("a client's token does not open the VideoRoom").isInstanceOf(JanusException.class);
            client.destroy(clientSession);

            var server = JanusApi.withApiSecret(url, env.get("JANUS_API_SECRET"), TIMEOUT);
            long session = server.createSession();
            long handle = server.attach(session, JanusApi.AUDIOBRIDGE);
            assertThatThrownBy(() -> server.request(session, handle, JSON.createObjectNode().put("request", "create")
                    .put("room", 4_242_010)))
                    .as("no room without the admin key").isInstanceOf(JanusException.class);
            server.request(session, handle, JSON.createObjectNode().put("request", "create").put("room", 4_242_011)
                    .put("admin_key", env.get("JANUS_ADMIN_KEY")));
            server.request(session, handle, JSON.createObjectNode().put("request", "destroy").put("room", 4_242_011));
            long video = server.attach(session, JanusApi.VIDEOROOM);
            assertThatThrownBy(() -> server.request(session, video, JSON.createObjectNode().put("request", "create")
                    .put("room", 4_242_012)))
                    .as("no video room without the admin key").isInstanceOf(JanusException.class);
            server.request(session, video, JSON.createObjectNode().put("request", "create").put("room", 4_242_013)
                    .put("admin_key", env.get("JANUS_ADMIN_KEY")));
            server.request(session, video, JSON.createObjectNode().put("request", "destroy").put("room", 4_242_013));
            server.destroy(session);
        }
    }

    @Test
    void startRefusesAMissingSecretNamingIt() {
        for (String secret : List.of("JANUS_API_SECRET", "JANUS_TOKEN_SECRET", "JANUS_ADMIN_KEY")) {
            Map<String, String> env = secrets();
            env.put(secret, null);
            env.put("JANUS_CONF_DIR", work.resolve("refused").toString());
            try (var start = ChildProcess.start("start.sh", List.of("sh", START.toString()), env, work)) {
                assertThat(start.waitFor(TIMEOUT)).as("without " + secret).isNotZero();
                assertThat(start.output()).contains("set " + secret + " in .env");
            }
        }
    }

    private static Map<String, String> secrets() {
        Map<String, String> env = new HashMap<>();
        env.put("JANUS_API_SECRET", "api-secret-0123456789abcdef0123456789");
        env.put("JANUS_TOKEN_SECRET", "token-secret-0123456789abcdef012345");
        env.put("JANUS_ADMIN_KEY", "admin-key-0123456789abcdef0123456789");
        env.put("JANUS_PUBLIC_IP", "127.0.0.1");
        return env;
    }

    private static List<String> iterable(JsonNode object) {
        return java.util.stream.StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false).toList();
    }

    private static int freeTcpPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
