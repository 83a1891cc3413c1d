package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.auth.TokenService;
import io.skyscope.server.config.Secrets;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a token and membership let through, over the real sockets: expired and tampered access
 * tokens open no WebSocket and no REST route, and a private space stays closed to non-members
 * who try to walk in over the WebSocket. (A missing or malformed token: WorldEndToEndTest.)
 */
class AuthorizationEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void anExpiredTokenOpensNothing() {
        AuthResponse kim = SERVER.register("kim");
        byte[] secret = Secrets.jwtSecret(SERVER.server().config());
        // Signed with the server's own key, but issued long enough ago to have expired.
        Clock past = Clock.fixed(Instant.now().minus(TokenService.ACCESS_TTL).minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        String expired = new TokenService(secret, past).issue(kim.userId());

        assertRefused(expired);
    }

    @Test
    void aTamperedTokenOpensNothing() {
        AuthResponse lea = SERVER.register("lea");
        AuthResponse max = SERVER.register("max");
        // Lea's token with Max's id put in its claims: the signature no longer matches.
        String[] parts = lea.accessToken().split("\\.");
        var decoder = Base64.getUrlDecoder();
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8).replace(lea.userId(), max.userId());
        String tampered = parts[0] + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(tampered).isNotEqualTo(lea.accessToken());

        assertRefused(tampered);
        // The untouched token still works.
        SERVER.connect(lea).close();
    }

    @Test
    void aPrivateSpaceIsClosedToNonMembersOverTheWebSocket() {
        AuthResponse owner = SERVER.register("owner");
        AuthResponse outsider = SERVER.register("outsider");
        String hideout = SERVER.api().createSpace(owner.accessToken(), "Hideout", "private").id();
        SERVER.join(owner, hideout).close();

        Connection c = SERVER.connect(outsider);
        c.send(new ClientMessage.Join(hideout, "sneak"));
        var refused = c.await(ServerMessage.Error.class, e -> "sneak".equals(e.ref()), TIMEOUT);
        assertThat(refused.code()).isEqualTo("not_found");
        assertThat(c.isOpen()).isTrue();
        // Nothing of the space reached the outsider: no welcome, no presence.
        c.send(new ClientMessage.Ping("after"));
        c.await(ServerMessage.Pong.class, TIMEOUT);
        assertThat(c.world().snapshot().space()).isNull();
    }

    private static void assertRefused(String token) {
        URI ws = URI.create(SERVER.base().toString().replace("http", "ws") + "ws?token=" + token);
        assertThatThrownBy(() -> SERVER.http().newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .rootCause().hasMessageContaining("401");
        var rest = org.assertj.core.api.Assertions.catchThrowableOfType(ApiError.class,
                () -> SERVER.api().send("GET", "api/v1/spaces", token, null, String.class));
        assertThat(rest.status()).isEqualTo(401);
    }
}
