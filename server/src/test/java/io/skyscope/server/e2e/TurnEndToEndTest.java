package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.IceServer;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.testing.Coturn;
import io.skyscope.server.voice.TurnCredentials;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TURN credentials in {@code welcome} work with a real coturn configured with the same shared
 * secret: a relay is allocated and carries packets; a wrong password or an expired username is
 * refused. (A STUN binding would prove nothing: it needs no credentials.)
 */
class TurnEndToEndTest {
    private static final String SECRET = "turn-shared-secret-for-tests";

    @RegisterExtension
    @Order(1)
    static final Coturn COTURN = new Coturn(SECRET);

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c.withVoice(new VoiceConfig(
            List.of("turn:127.0.0.1:" + COTURN.port() + "?transport=udp"), SECRET, 600, VoiceSettings.defaults())));

    @Test
    void theWelcomeCredentialsAllocateARelay() {
        AuthResponse ana = SERVER.register("ana");
        IceServer turn = turnServerFromWelcome(ana);
        assertThat(turn.urls()).containsExactly("turn:127.0.0.1:" + COTURN.port() + "?transport=udp");
        assertThat(turn.username()).matches("\\d+:" + ana.userId());
        long expiresAt = Long.parseLong(turn.username().split(":")[0]);
        long now = System.currentTimeMillis() / 1000;
        assertThat(expiresAt).isBetween(now + 500, now + 700);

        var run = COTURN.allocate(turn.username(), turn.credential());
        assertThat(run.relayed()).as("relay allocated and used:\n%s\nserver log:\n%s", run.output(), COTURN.log()).isTrue();
    }

    @Test
    void aWrongPasswordIsRefused() {
        IceServer turn = turnServerFromWelcome(SERVER.register("ben"));
        var run = COTURN.allocate(turn.username(), "d3JvbmcgcGFzc3dvcmQ=");
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Cannot complete Allocation");
    }

    @Test
    void expiredCredentialsAreRefused() {
        AuthResponse cal = SERVER.register("cal");
        var expired = new TurnCredentials(SECRET, Duration.ofMinutes(10),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))).issue(cal.userId());
        var run = COTURN.allocate(expired.username(), expired.password());
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Cannot complete Allocation");
        // The same scheme with a live expiry is accepted: it is the expiry that was refused.
        var live = new TurnCredentials(SECRET, Duration.ofMinutes(10), Clock.systemUTC()).issue(cal.userId());
        assertThat(COTURN.allocate(live.username(), live.password()).relayed()).isTrue();
    }

    private static IceServer turnServerFromWelcome(AuthResponse user) {
        Connection c = SERVER.connect(user);
        c.send(new ClientMessage.Join(SpaceService.DEFAULT_SPACE_ID, "j"));
        var welcome = c.await(ServerMessage.Welcome.class, TIMEOUT);
        return welcome.iceServers().stream().filter(s -> s.username() != null).findFirst()
                .orElseThrow(() -> new AssertionError("no TURN server in " + welcome.iceServers()));
    }
}
