package io.skyscope.installers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.client.Connection;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the server jar the way the image runs it: the Dockerfile's ENTRYPOINT and ENV, plus the
 * environment docker-compose.yml gives the server service, with the service names rewired to
 * processes on loopback: MongoDB is a separate store process ({@link StoreProcess}), Redis a
 * {@code redis-server} (Debian package redis-server). The server must use that store (not an
 * embedded one) and that Redis, hand out the compose file's TURN servers, and keep accounts across
 * a restart.
 */
class ServerImageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Generous: a JVM starting with its store and Redis connections on a busy 2-core machine. */
    private static final Duration START = Duration.ofSeconds(120);
    private static final Path SERVER_JAR = Path.of(System.getProperty("skyscope.server.jar",
            "../server/target/skyscope-server.jar")).toAbsolutePath();

    @TempDir
    Path work;

    /** The final stage of the Dockerfile: its ENV and its ENTRYPOINT. */
    record Image(Map<String, String> env, List<String> entrypoint) {
        static Image read(Path dockerfile) throws IOException {
            String text = Files.readString(dockerfile).replace("\\\n", " ");
            List<String> lines = text.lines().toList();
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("FROM ")) {
                    from = i;
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            List<String> entrypoint = null;
            for (String line : lines.subList(from, lines.size())) {
                if (line.startsWith("ENV ")) {
                    for (String pair : line.substring(4).trim().split("\\s+")) {
                        String[] kv = pair.split("=", 2);
                        env.put(kv[0], kv[1]);
                    }
                } else if (line.startsWith("ENTRYPOINT ")) {
                    JsonNode array = new ObjectMapper().readTree(line.substring("ENTRYPOINT ".length()));
                    entrypoint = new ArrayList<>();
                    for (JsonNode word : array) {
                        entrypoint.add(word.asText());
                    }
                }
            }
            assertThat(entrypoint).as("the Dockerfile's ENTRYPOINT in exec form").isNotNull();
            return new Image(env, entrypoint);
        }
    }

    @Test
    void serverJarRunsWithTheImagesCommandAndTheComposeEnvironmentAgainstASeparateStore() throws Exception {
        assertThat(SERVER_JAR).as("built by the server module's package phase").exists();
        Image image = Image.read(Compose.REPO.resolve("Dockerfile"));
        assertThat(image.entrypoint()).contains("-jar", "/app/skyscope-server.jar");
        assertThat(image.env()).containsEntry("DATA_DIR", "/data").containsEntry("PORT", "8080");
        Map<String, String> composed = Compose.environment(Compose.resolved(Compose.SETTINGS, work), "server");

        Prerequisites.command("redis-server", "redis-server");
        int redisPort;
        try (var socket = new java.net.ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        try (var store = ChildProcess.start("store", List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                StoreProcess.class.getName(), work.resolve("store").toString()), Map.of(), work);
             var redis = ChildProcess.start("redis-server", List.of("redis-server", "--port", Integer.toString(redisPort),
                     "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of(), work)) {
            String storePort = store.awaitLine(l -> l.startsWith(StoreProcess.READY), START)
                    .substring(StoreProcess.READY.length()).strip();
            redis.awaitLine(l -> l.contains("Ready to accept connections"), START);

            Map<String, String> env = new HashMap<>(image.env());
            env.putAll(composed);
            // The compose network's names become loopback addresses; the image's /data a temp dir.
            URI mongo = URI.create(composed.get("MONGO_URI"));
            env.put("MONGO_URI", "mongodb://127.0.0.1:" + storePort + mongo.getPath());
            assertThat(composed.get("REDIS_URL")).isEqualTo("redis://redis:6379");
            env.put("REDIS_URL", "redis://127.0.0.1:" + redisPort);
            env.put("HOST", "127.0.0.1");
            env.put("PORT", "0");
            Path data = Files.createDirectories(work.resolve("data"));
            env.put("DATA_DIR", data.toString());
            List<String> command = image.entrypoint().stream()
                    .map(word -> switch (word) {
                        case "java" -> javaBin();
                        case "/app/skyscope-server.jar" -> SERVER_JAR.toString();
                        default -> word;
                    }).toList();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String password = "boss of the amber kites 1";
            AuthResponse boss;
            try (var server = startServer(command, env)) {
                URI base = baseOf(server);
                JsonNode health = new ObjectMapper().readTree(get(http, base.resolve("/health")));
                assertThat(health.path("status").asText()).isEqualTo("up");
                assertThat(health.path("storage").path("kind").asText()).as("the separate store, not an embedded one")
                        .isEqualTo("mongodb");
                assertThat(health.path("bus").path("kind").asText()).as("the Redis bus").isEqualTo("redis");

                SkyScopeApi api = new SkyScopeApi(base, http);
                boss = api.register("boss", password, "The Boss");
                assertThat(api.me(boss.accessToken()).serverAdmin()).as("ADMIN_USERNAME from the compose file")
                        .isTrue();
                try (Connection ws = Connection.open(http, api.webSocketUri(boss.accessToken()), TIMEOUT)) {
                    ws.send(new ClientMessage.Join("office", "j1"));
                    var welcome = ws.await(ServerMessage.Welcome.class, TIMEOUT);
                    assertThat(welcome.iceServers()).as("the compose file's STUN and TURN servers")
                            .anyMatch(s -> s.urls().contains("stun:turn.example.com:3478"))
                            .anyMatch(s -> s.urls().contains("turn:turn.example.com:3478?transport=udp")
                                    && s.username() != null && s.credential() != null);
                }
            }
            assertThat(data.resolve("db")).as("no embedded store in DATA_DIR").doesNotExist();
            try (Stream<Path> files = Files.walk(data)) {
                assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.endsWith(".mv.db"));
            }

            try (var again = startServer(command, env)) {
                SkyScopeApi api = new SkyScopeApi(baseOf(again), http);
                AuthResponse back = api.login("boss", password);
                assertThat(back.userId()).as("the account is still in the store after a restart").isEqualTo(boss.userId());
            }
        }
    }

    private ChildProcess startServer(List<String> command, Map<String, String> env) {
        return ChildProcess.start("server", command, env, work);
    }

    private static URI baseOf(ChildProcess server) {
        String line = server.awaitLine(l -> l.startsWith("SkyScope is running at "), START);
        Matcher m = Pattern.compile("http://[^:]+:(\\d+)/").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return URI.create("http://127.0.0.1:" + m.group(1) + "/");
    }

    private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " → " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
