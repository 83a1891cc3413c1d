package io.skyscope.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.server.testing.Janus;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Janus API client and the AudioBridge against a real Janus: the server (API secret) makes and
 * destroys private rooms and keeps their allowed lists; a client gets in only with a token signed
 * with the shared secret, not expired, naming the AudioBridge, and then joins a room only with a
 * token the room allows; nobody but the server creates rooms.
 */
class JanusApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Janus JANUS = new Janus();

    private static AudioBridge bridge;
    private static JanusTokens tokens;

    @BeforeAll
    static void connect() {
        bridge = new AudioBridge(JanusApi.withApiSecret(JANUS.url(), JANUS.apiSecret(), TIMEOUT), JANUS.adminKey());
        tokens = new JanusTokens(JANUS.tokenSecret(), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        bridge.close();
    }

    @Test
    void theServerMakesPrivateRoomsKeepsTheirAllowedListsAndDestroysThem() {
        bridge.create(4_242_001, "room-secret-1", "Town hall");
        bridge.allowed(4_242_001, "room-secret-1", "add", Set.of("ticket-a", "ticket-b"));
        bridge.allowed(4_242_001, "room-secret-1", "remove", Set.of("ticket-b"));
        assertThat(bridge.participants(4_242_001)).isEmpty();
        assertThatThrownBy(() -> bridge.destroy(4_242_001, "a guess"))
                .as("the room's secret is needed").isInstanceOf(JanusException.class);
        bridge.destroy(4_242_001, "room-secret-1");
        assertThatThrownBy(() -> bridge.participants(4_242_001)).isInstanceOf(JanusException.class)
                .extracting(e -> ((JanusException) e).code()).isEqualTo(JanusException.NO_SUCH_ROOM);
    }

    @Test
    void noSessionWithoutASecretOrWithAForgedOrExpiredToken() {
        assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), null, TIMEOUT).createSession())
                .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
        String forged = new JanusTokens("not the shared secret at all", Clock.systemUTC()).audioBridge(600);
        assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), forged, TIMEOUT).createSession())
                .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
        String expired = tokens.sign(Clock.systemUTC().millis() / 1000 - 5, JanusTokens.AUDIOBRIDGE);
        assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), expired, TIMEOUT).createSession())
                .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
        String tampered = tokens.audioBridge(600).replaceFirst("^\\d+", String.valueOf(Long.MAX_VALUE / 1000));
        assertThatThrownBy(() -> JanusApi.withToken(JANUS.url(), tampered, TIMEOUT).createSession())
                .as("a longer expiry breaks the signature")
                .isInstanceOf(JanusException.class).extracting(e -> ((JanusException) e).code()).isEqualTo(403);
    }

    @Test
    void aTokenWithBase64sPlusAndSlashAlsoLongPolls() {
        long now = Clock.systemUTC().millis() / 1000;
        String token = null;
        for (long ttl = 600; ttl < 1600 && token == null; ttl++) {
            String candidate = tokens.sign(now + ttl, JanusTokens.AUDIOBRIDGE);
            if (candidate.contains("+") && candidate.contains("/")) {
                token = candidate;
            }
        }
        assertThat(token).as("a signature with both '+' and '/' among a thousand").isNotNull();
        var client = JanusApi.withToken(JANUS.url(), token, TIMEOUT);
        long session = client.createSession();
        client.message(session, client.attach(session, JanusTokens.AUDIOBRIDGE), JSON.createObjectNode()
                .put("request", "join").put("room", 1), null);
        assertThat(Janus.nextPluginEvent(client, session).path("error_code").asInt())
                .as("the event came through the long poll").isEqualTo(JanusException.NO_SUCH_ROOM);
        client.destroy(session);
    }

    @Test
    void aClientTokenReachesOnlyTheAudioBridgeAndOnlyTheRoomsThatAllowIt() {
        long room = 4_242_002;
        bridge.create(room, "room-secret-2", "Stage");
        bridge.allowed(room, "room-secret-2", "add", Set.of("ticket-of-ann"));
        var client = JanusApi.withToken(JANUS.url(), tokens.audioBridge(600), TIMEOUT);
        long session = client.createSession();
        assertThatThrownBy(() -> client.attach(session, "janus.plugin.echotest"))
                .as("the token names the AudioBridge alone").isInstanceOf(JanusException.class);
        long handle = client.attach(session, JanusTokens.AUDIOBRIDGE);

        assertThatThrownBy(() -> client.request(session, handle, JSON.createObjectNode().put("request", "create")
                .put("room", 4_242_003)))
                .as("only the server, with the admin key, creates rooms").isInstanceOf(JanusException.class);

        client.message(session, handle, JSON.createObjectNode().put("request", "join").put("room", room)
                .put("token", "a guessed ticket"), null);
        JsonNode refused = Janus.nextPluginEvent(client, session);
        assertThat(refused.path("error_code").asInt()).as("refused: %s", refused).isPositive();
        assertThat(refused.path("error").asText()).containsIgnoringCase("unauthorized");

        client.message(session, handle, JSON.createObjectNode().put("request", "join").put("room", room)
                .put("id", 77).put("token", "ticket-of-ann").put("muted", true), null);
        JsonNode joined = Janus.nextPluginEvent(client, session);
        assertThat(joined.path("audiobridge").asText()).as("joined: %s", joined).isEqualTo("joined");
        assertThat(bridge.participants(room)).containsExactly(new AudioBridge.Participant(77, true));
        assertThatThrownBy(() -> client.request(session, handle, JSON.createObjectNode().put("request", "unmute")
                .put("room", room).put("id", 77).put("secret", "a guess")))
                .as("only the server, with the room's secret, unmutes").isInstanceOf(JanusException.class);
        assertThat(bridge.participants(room)).containsExactly(new AudioBridge.Participant(77, true));
        bridge.mute(room, "room-secret-2", 77, false);
        assertThat(bridge.participants(room)).containsExactly(new AudioBridge.Participant(77, false));
        bridge.kick(room, "room-secret-2", 77);
        await("kicked").atMost(TIMEOUT).until(() -> bridge.participants(room).isEmpty());
        client.destroy(session);
        bridge.destroy(room, "room-secret-2");
    }
}
