package io.skyscope.installers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml is valid for docker-compose and wires the server to MongoDB, Redis and
 * coturn, and (when turned on) Janus, the way the server's own configuration rules accept. No
 * Docker engine is needed.
 */
class ComposeFileTest {
    @TempDir
    static Path work;
    /** The file as docker-compose resolves it with {@link Compose#SETTINGS} (docker-compose is slow to start). */
    static JsonNode config;

    @BeforeAll
    static void resolve() {
        config = Compose.resolved(Compose.SETTINGS, work);
    }

    @Test
    void composeFileIsValid() {
        Compose.Run run = Compose.config(Compose.SETTINGS, work, "-q");
        assertThat(run.exitCode()).as("docker-compose config -q printed:\n%s", run.output()).isZero();
    }

    @Test
    void serverIsWiredToMongoRedisAndTurnAndItsSettingsPassTheServersValidation() {
        JsonNode services = config.path("services");
        assertThat(java.util.stream.StreamSupport.stream(((Iterable<String>) services::fieldNames).spliterator(), false).toList()).containsExactlyInAnyOrder("server", "mongo", "redis", "coturn", "janus");

        Map<String, String> env = Compose.environment(config, "server");
        assertThat(URI.create(env.get("MONGO_URI")).getHost()).isEqualTo("mongo");
        assertThat(URI.create(env.get("REDIS_URL")).getHost()).isEqualTo("redis");
        assertThat(env).containsEntry("JWT_SECRET", Compose.SETTINGS.get("JWT_SECRET"))
                .containsEntry("TURN_SECRET", Compose.SETTINGS.get("TURN_SECRET"))
                .containsEntry("ADMIN_USERNAME", "boss");
        // The server's own rules (the ones that stop start-up naming a bad variable) accept it all.
        ServerConfig server = ServerConfig.fromEnvironment(env);
        assertThat(server.mongoUri()).isEqualTo("mongodb://mongo:27017/skyscope");
        assertThat(server.redisUrl()).isEqualTo("redis://redis:6379");
        assertThat(server.voice().turnUrls()).containsExactly("turn:turn.example.com:3478?transport=udp",
                "turn:turn.example.com:3478?transport=tcp");
        assertThat(server.stunUrls()).containsExactly("stun:turn.example.com:3478");
        assertThat(server.protection().trustedProxies()).as("the host's proxy, through Docker's NAT")
                .containsExactly("172.16.0.0/12", "192.168.0.0/16");

        JsonNode dependsOn = services.path("server").path("depends_on");
        assertThat(dependsOn.path("mongo").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("redis").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(services.path("server").path("ports").get(0).asText()).as("only the reverse proxy reaches it")
                .startsWith("127.0.0.1:8080:8080");
    }

    @Test
    void coturnSharesTheServersSecretAndRealm() {
        List<String> command = StreamSupport.stream(config.path("services").path("coturn").path("command").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertThat(command).contains("--use-auth-secret", "--static-auth-secret=" + Compose.SETTINGS.get("TURN_SECRET"),
                "--realm=turn.example.com", "--listening-port=3478", "--external-ip=203.0.113.7",
                "--denied-peer-ip=10.0.0.0-10.255.255.255", "--denied-peer-ip=127.0.0.0-127.255.255.255");
        assertThat(config.path("services").path("coturn").path("network_mode").asText()).isEqualTo("host");
    }

    @Test
    void everyServiceHasAHealthCheckAndStatefulOnesAVolume() {
        JsonNode services = config.path("services");
        for (String name : List.of("server", "mongo", "redis", "coturn", "janus")) {
            assertThat(services.path(name).path("healthcheck").path("test").isArray()).as(name + " health check").isTrue();
            assertThat(services.path(name).path("restart").asText()).as(name).isEqualTo("unless-stopped");
        }
        assertThat(services.path("server").path("volumes").get(0).asText()).startsWith("server-data:/data");
        assertThat(services.path("mongo").path("volumes").get(0).asText()).startsWith("mongo-data:/data/db");
        assertThat(services.path("redis").path("volumes").get(0).asText()).startsWith("redis-data:/data");
    }

    @Test
    void theMediaServerIsOffUnlessTurnedOnAndThenSharesTheServersSecrets() {
        JsonNode janus = config.path("services").path("janus");
        assertThat(janus.path("profiles").get(0).asText()).as("runs only with COMPOSE_PROFILES=media").isEqualTo("media");
        assertThat(ServerConfig.fromEnvironment(Compose.environment(config, "server")).media())
                .as("no media server unless JANUS_URL is set").isNull();

        Map<String, String> settings = new HashMap<>(Compose.SETTINGS);
        settings.put("COMPOSE_PROFILES", "media");
        settings.put("JANUS_URL", "http://janus:8088/janus");
        settings.put("JANUS_PUBLIC_URL", "https://office.example.com/janus");
        settings.put("JANUS_API_SECRET", "test-janus-api-secret-0123456789");
        settings.put("JANUS_TOKEN_SECRET", "test-janus-token-secret-012345678");
        settings.put("JANUS_ADMIN_KEY", "test-janus-admin-key-0123456789");
        JsonNode on = Compose.resolved(settings, work);
        Map<String, String> server = Compose.environment(on, "server");
        Map<String, String> media = Compose.environment(on, "janus");
        for (String secret : List.of("JANUS_API_SECRET", "JANUS_TOKEN_SECRET", "JANUS_ADMIN_KEY")) {
            assertThat(media.get(secret)).as(secret + " shared").isEqualTo(server.get(secret)).isEqualTo(settings.get(secret));
        }
        assertThat(media).containsEntry("JANUS_PUBLIC_IP", "203.0.113.7").containsEntry("JANUS_RTP_PORTS", "20000-20199");
        var mediaConfig = ServerConfig.fromEnvironment(server).media();
        assertThat(URI.create(mediaConfig.url()).getHost()).isEqualTo("janus");
        assertThat(mediaConfig.publicUrl()).isEqualTo("https://office.example.com/janus");
        assertThat(mediaConfig.adminKey()).isEqualTo(settings.get("JANUS_ADMIN_KEY"));

        JsonNode service = on.path("services").path("janus");
        assertThat(service.path("volumes").get(0).asText()).as("the configuration in the repository, read-only")
                .endsWith("docker/janus:/etc/skyscope-janus:ro");
        List<JsonNode> ports = StreamSupport.stream(service.path("ports").spliterator(), false).toList();
        assertThat(ports.get(0).asText()).as("the API for the reverse proxy only").startsWith("127.0.0.1:8088:8088");
        List<JsonNode> udp = ports.stream().filter(p -> p.path("protocol").asText().equals("udp")).toList();
        assertThat(udp).as("the RTP range and nothing else").hasSize(200)
                .allMatch(p -> p.path("published").asInt() >= 20000 && p.path("published").asInt() <= 20199
                        && p.path("published").asInt() == p.path("target").asInt());
    }

    @Test
    void missingSecretStopsComposeNamingIt() {
        for (String secret : List.of("JWT_SECRET", "TURN_SECRET")) {
            Map<String, String> settings = new HashMap<>(Compose.SETTINGS);
            settings.remove(secret);
            Compose.Run run = Compose.config(settings, work, "-q");
            assertThat(run.exitCode()).as("without " + secret).isNotZero();
            assertThat(run.output()).contains("set " + secret + " in .env");
        }
    }

    @Test
    void envExampleListsEveryVariableTheComposeFileReads() throws IOException {
        Properties example = new Properties();
        try (var in = Files.newBufferedReader(Compose.REPO.resolve(".env.example"))) {
            example.load(in);
        }
        assertThat(example.stringPropertyNames()).containsAll(Compose.variables());
        assertThat(example.getProperty("JWT_SECRET")).as("no secret ships in the example").isEmpty();
        assertThat(example.getProperty("TURN_SECRET")).as("no secret ships in the example").isEmpty();
        for (String secret : List.of("JANUS_API_SECRET", "JANUS_TOKEN_SECRET", "JANUS_ADMIN_KEY")) {
            assertThat(example.getProperty(secret)).as("no secret ships in the example").isEmpty();
        }
    }
}
