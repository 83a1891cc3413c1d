package io.skyscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.server.auth.RegistrationMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void defaultsNeedNothingFromTheEnvironment() {
        var config = ServerConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.mongoUri()).isNull();
        assertThat(config.redisUrl()).isNull();
        assertThat(config.jwtSecret()).isNull();
        assertThat(config.registration()).isEqualTo(RegistrationMode.OPEN);
        assertThat(config.stunUrls()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        var config = ServerConfig.fromEnvironment(Map.of(
                "PORT", "9000", "DATA_DIR", "/tmp/sky", "MONGO_URI", "mongodb://db:27017/skyscope",
                "REDIS_URL", "redis://cache:6379", "JWT_SECRET", "x".repeat(40), "ADMIN_USERNAME", "root",
                "REGISTRATION", "Invite", "STUN_URLS", "stun:a:3478, stun:b:3478", "MAX_SPEED", "400",
                "TICK_MILLIS", "50"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/sky"));
        assertThat(config.registration()).isEqualTo(RegistrationMode.INVITE);
        assertThat(config.stunUrls()).containsExactly("stun:a:3478", "stun:b:3478");
        assertThat(config.world().maxSpeed()).isEqualTo(400);
        assertThat(config.world().tickMillis()).isEqualTo(50);
        assertThat(config.toString()).doesNotContain("xxxx");
        var chat = ServerConfig.fromEnvironment(Map.of("CHAT_RATE_PER_SECOND", "2", "CHAT_BURST", "8")).chat();
        assertThat(chat).isEqualTo(new ServerConfig.ChatTuning(2, 8));
        assertThat(ServerConfig.fromEnvironment(Map.of()).chat()).isEqualTo(ServerConfig.ChatTuning.defaults());
        var quotas = ServerConfig.fromEnvironment(Map.of("MAP_VERSIONS_KEPT", "5", "SPACE_MAP_STORAGE_MB", "10",
                "SPACES_PER_USER", "3", "STORE_CACHE_MB", "64")).quotas();
        assertThat(quotas.storeCacheMb()).isEqualTo(64);
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("STORE_CACHE_MB", "8")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STORE_CACHE_MB");
        assertThat(quotas.mapVersionsKept()).isEqualTo(5);
        assertThat(quotas.spaceMapStorageBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(quotas.spacesPerUser()).isEqualTo(3);
        assertThat(ServerConfig.fromEnvironment(Map.of()).quotas()).isEqualTo(ServerConfig.Quotas.defaults());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PORT              | http        | PORT: must be a whole number from 0 to 65535
            PORT              | 70000       | PORT: must be a whole number from 0 to 65535
            MONGO_URI         | localhost   | MONGO_URI: must be a URL starting with mongodb://
            REDIS_URL         | http://x    | REDIS_URL: must be a URL starting with redis://
            JWT_SECRET        | short       | JWT_SECRET: must be at least 32 characters
            REGISTRATION      | closed      | REGISTRATION: must be 'open' or 'invite'
            STUN_URLS         | turn:x:3478 | STUN_URLS: each entry must start with stun:
            MAX_SPEED         | -1          | MAX_SPEED: must be a number from
            TICK_MILLIS       | 5           | TICK_MILLIS: must be a whole number from 20
            IDLE_AWAY_SECONDS | soon        | IDLE_AWAY_SECONDS: must be a whole number
            PUBLIC_URL        | ftp://x     | PUBLIC_URL: must be a URL starting with http://
            TURN_URLS         | stun:x:3478 | TURN_URLS: each entry must start with turn: or turns:
            TURN_TTL_SECONDS  | 10          | TURN_TTL_SECONDS: must be a whole number from 60
            VOICE_JOIN_RADIUS | 5           | VOICE_JOIN_RADIUS: must be a number from 16
            VOICE_LEAVE_RADIUS| 100         | VOICE_LEAVE_RADIUS: must be at least VOICE_JOIN_RADIUS
            VOICE_MAX_PEERS   | 0           | VOICE_MAX_PEERS: must be a whole number from 1 to 32
            VOICE_DEBOUNCE_MILLIS | -5      | VOICE_DEBOUNCE_MILLIS: must be a whole number from 0
            ROOM_CAPACITY     | 1           | ROOM_CAPACITY: must be a whole number from 2 to 50
            STAGE_AUDIENCE    | 500         | STAGE_AUDIENCE: must be a whole number from 1 to 200
            VOICE_WALKING_SPEED | fast      | VOICE_WALKING_SPEED: must be a number from 0
            VOICE_VIDEO_PEERS | 17          | VOICE_VIDEO_PEERS: must be a whole number from 0 to 16
            VOICE_VIDEO_PEERS | -1          | VOICE_VIDEO_PEERS: must be a whole number from 0 to 16
            VOICE_VIDEO_PEERS | some        | VOICE_VIDEO_PEERS: must be a whole number from 0 to 16
            CHAT_RATE_PER_SECOND | 0        | CHAT_RATE_PER_SECOND: must be a whole number from 1
            CHAT_BURST        | many        | CHAT_BURST: must be a whole number
            MAP_CACHE_SIZE    | 0           | MAP_CACHE_SIZE: must be a whole number from 1
            MAP_VERSIONS_KEPT | 0           | MAP_VERSIONS_KEPT: must be a whole number from 1
            MAP_UPLOADS_PER_HOUR | lots     | MAP_UPLOADS_PER_HOUR: must be a whole number
            SPACE_MAP_STORAGE_MB | 0        | SPACE_MAP_STORAGE_MB: must be a whole number from 1
            SPACES_PER_USER   | -1          | SPACES_PER_USER: must be a whole number from 1
            SPACE_CREATES_PER_HOUR | 0      | SPACE_CREATES_PER_HOUR: must be a whole number from 1
            GROUP_INVITES_PER_HOUR | x      | GROUP_INVITES_PER_HOUR: must be a whole number
            """)
    void aWrongValueNamesTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.variable()).isEqualTo(variable);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    @Test
    void singleSignOnNeedsIssuerClientAndSecretWhichIsNotPrinted() {
        Map<String, String> env = new HashMap<>(Map.of("OIDC_ISSUER", "https://id.example.com/realms/acme"));
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).hasMessageStartingWith("OIDC_CLIENT_ID: is required");
        env.put("OIDC_CLIENT_ID", "skyscope");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .hasMessageStartingWith("OIDC_CLIENT_SECRET: is required");
        env.put("OIDC_CLIENT_SECRET", "the-client-secret-value");
        env.put("OIDC_NAME", "Acme");
        env.put("SSO_ONLY", "true");
        var config = ServerConfig.fromEnvironment(env);
        assertThat(config.oidc()).isEqualTo(new OidcConfig("https://id.example.com/realms/acme", "skyscope",
                "the-client-secret-value", "Acme", true, 600, 60));
        assertThat(config.toString()).contains("Acme").doesNotContain("the-client-secret-value");
        assertThat(ServerConfig.fromEnvironment(Map.of()).oidc()).isNull();
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("OIDC_ISSUER", "http://id.example.com",
                "OIDC_CLIENT_ID", "c", "OIDC_CLIENT_SECRET", "s"))).hasMessageStartingWith("OIDC_ISSUER: must start with https://");
        assertThat(ServerConfig.fromEnvironment(Map.of("OIDC_ISSUER", "http://127.0.0.1:8180/realms/dev",
                "OIDC_CLIENT_ID", "c", "OIDC_CLIENT_SECRET", "s")).oidc().issuer()).isEqualTo("http://127.0.0.1:8180/realms/dev");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("OIDC_CLIENT_ID", "skyscope")))
                .hasMessageStartingWith("OIDC_ISSUER: is required when OIDC_CLIENT_ID is set");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SSO_ONLY", "true")))
                .hasMessageStartingWith("SSO_ONLY: needs single sign-on");
        env.put("SSO_ONLY", "yes");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).hasMessageStartingWith("SSO_ONLY: must be 'true'");
    }

    @Test
    void severalNodesNeedASharedSecretAndARealDatabase() {
        Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", "redis://localhost:6379"));
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).hasMessageStartingWith("JWT_SECRET: is required");
        env.put("JWT_SECRET", "s".repeat(32));
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env)).hasMessageStartingWith("MONGO_URI: is required");
    }

    @Test
    void turnNeedsBothUrlsAndALongSecretWhichIsNotPrinted() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TURN_URLS", "turn:t:3478")))
                .hasMessageStartingWith("TURN_SECRET: is required");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TURN_SECRET", "s".repeat(20))))
                .hasMessageStartingWith("TURN_URLS: is required");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TURN_URLS", "turn:t:3478", "TURN_SECRET", "short")))
                .hasMessageStartingWith("TURN_SECRET: must be at least 16 characters");
        var config = ServerConfig.fromEnvironment(Map.of("TURN_URLS", "turn:t:3478?transport=udp, turns:t:5349",
                "TURN_SECRET", "a-secret-of-twenty-chars", "TURN_TTL_SECONDS", "600", "VOICE_JOIN_RADIUS", "200",
                "VOICE_MAX_PEERS", "6", "ROOM_CAPACITY", "10", "VOICE_WALKING_SPEED", "0", "VOICE_VIDEO_PEERS", "2"));
        assertThat(config.voice().turnUrls()).containsExactly("turn:t:3478?transport=udp", "turns:t:5349");
        assertThat(config.voice().turnTtlSeconds()).isEqualTo(600);
        assertThat(config.voice().spaceDefaults().joinRadius()).isEqualTo(200);
        assertThat(config.voice().spaceDefaults().leaveRadius()).as("follows the join radius").isEqualTo(250);
        assertThat(config.voice().spaceDefaults().maxPeers()).isEqualTo(6);
        assertThat(config.voice().spaceDefaults().roomCapacity()).isEqualTo(10);
        assertThat(config.voice().spaceDefaults().walkingSpeed()).as("0: off").isZero();
        assertThat(config.voice().spaceDefaults().videoPeers()).isEqualTo(2);
        assertThat(ServerConfig.fromEnvironment(Map.of()).voice().spaceDefaults().videoPeers())
                .as("by default").isEqualTo(4);
        assertThat(ServerConfig.fromEnvironment(Map.of("VOICE_VIDEO_PEERS", "0")).voice().spaceDefaults().videoPeers())
                .as("0: no camera video").isZero();
        assertThat(config.toString()).doesNotContain("a-secret-of-twenty-chars");
    }

    @Test
    void aPasswordInAUrlIsNotPrinted() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("MONGO_URI", "mysql://user:secret@db/x")))
                .hasMessageNotContaining("secret");
    }

    @Test
    void protectionLimitsAreReadAndChecked() {
        var p = ServerConfig.fromEnvironment(Map.of("TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12",
                "MAX_CONNECTIONS_PER_ADDRESS", "20", "HEADER_TIMEOUT_SECONDS", "2", "IDLE_TIMEOUT_SECONDS", "15",
                "REGISTER_PER_ADDRESS_PER_HOUR", "5", "REGISTER_PER_HOUR", "50")).protection();
        assertThat(p).isEqualTo(new Protection(List.of("10.0.0.5", "172.16.0.0/12"), 20, 2, 15, 5, 50, 900));
        assertThat(ServerConfig.fromEnvironment(Map.of()).protection()).isEqualTo(Protection.defaults());
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("TRUSTED_PROXIES", "proxy.local")))
                .hasMessageStartingWith("TRUSTED_PROXIES: each entry must be an IP address or a CIDR range");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("HEADER_TIMEOUT_SECONDS", "0")))
                .hasMessageStartingWith("HEADER_TIMEOUT_SECONDS: must be a whole number from 1 to 300");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("REGISTER_PER_HOUR", "3")))
                .hasMessageStartingWith("REGISTER_PER_HOUR: must be at least REGISTER_PER_ADDRESS_PER_HOUR");
    }

    @Test
    void smtpIsOffWithoutAHostAndReadWithOneWhoseSecretIsNotPrinted() {
        assertThat(ServerConfig.fromEnvironment(Map.of()).mail()).isNull();
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SMTP_FROM", "office@example.com")))
                .hasMessageStartingWith("SMTP_HOST: is required when SMTP_FROM is set");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SMTP_HOST", "mail.example.com")))
                .hasMessageStartingWith("SMTP_FROM: must be the sender's email address");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SMTP_HOST", "mail.example.com",
                "SMTP_FROM", "office@example.com", "SMTP_SECURITY", "ssl")))
                .hasMessageStartingWith("SMTP_SECURITY: must be 'starttls', 'tls' or 'none'");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SMTP_HOST", "mail.example.com",
                "SMTP_FROM", "office@example.com", "SMTP_USER", "office")))
                .hasMessageStartingWith("SMTP_PASSWORD: is required when SMTP_USER is set");

        var config = ServerConfig.fromEnvironment(Map.of("SMTP_HOST", "mail.example.com", "SMTP_SECURITY", "tls",
                "SMTP_USER", "office", "SMTP_PASSWORD", "very-secret-password", "SMTP_FROM", "office@example.com",
                "EMAIL_CODE_TTL_SECONDS", "300"));
        var mail = config.mail();
        assertThat(mail.port()).isEqualTo(465);
        assertThat(mail.security()).isEqualTo(MailConfig.Security.TLS);
        assertThat(mail.codeTtlSeconds()).isEqualTo(300);
        assertThat(mail.codesPerAddressPerHour()).isEqualTo(5);
        assertThat(config.toString()).contains("mail.example.com").doesNotContain("very-secret-password");
    }
}
