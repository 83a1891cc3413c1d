package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.skyscope.client.ApiError;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AccountDeletion;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.PasswordChange;
import io.skyscope.server.auth.TokenService;
import io.skyscope.server.config.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection lives no longer than its credentials, over the real sockets: it closes when its
 * access token expires unless renewed in band; a sign-out, a password change, "sign out
 * everywhere" and account deletion close the connections they end and refuse the older access
 * tokens on REST and at the upgrade at once; a token without an expiry opens nothing.
 */
class SessionCredentialsEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void aConnectionClosesWhenItsTokenExpiresUnlessRenewedInBand() throws Exception {
        AuthResponse ana = SERVER.register("ana");
        AuthResponse ben = SERVER.register("ben");
        // Tokens with a few seconds left (expiries are whole seconds); Ben's runs out before Ana's.
        Connection a = SERVER.connectWith(expiringIn(ana, Duration.ofSeconds(10)));
        Connection b = SERVER.connectWith(expiringIn(ben, Duration.ofSeconds(8)));

        b.send(new ClientMessage.Auth(SERVER.api().refresh(ben.refreshToken()).accessToken(), "renew"));
        assertThat(b.await(ServerMessage.Ack.class, k -> "renew".equals(k.ref()), TIMEOUT).of()).isEqualTo("auth");

        var closed = a.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.code()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        assertThat(a.await(ServerMessage.Error.class, TIMEOUT).code()).isEqualTo("token_expired");
        // Ben's old token ran out before Ana's, and his connection lives on with the fresh one.
        b.send(new ClientMessage.Ping("still"));
        b.await(ServerMessage.Pong.class, p -> "still".equals(p.ref()), TIMEOUT);
        assertThat(b.isOpen()).isTrue();
    }

    @Test
    void renewalWithAnotherAccountsOrAForgedTokenIsRefused() {
        AuthResponse cal = SERVER.register("cal");
        AuthResponse dee = SERVER.register("dee");
        Connection c = SERVER.connect(cal);

        c.send(new ClientMessage.Auth(dee.accessToken(), "theirs"));
        assertThat(c.await(ServerMessage.Error.class, e -> "theirs".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("forbidden");
        c.send(new ClientMessage.Auth(cal.accessToken() + "x", "forged"));
        assertThat(c.await(ServerMessage.Error.class, e -> "forged".equals(e.ref()), TIMEOUT).code())
                .isEqualTo("unauthorized");
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void signingOutClosesThatSignInsConnectionAndRefusesItsAccessToken() throws Exception {
        AuthResponse eve = SERVER.register("eve");
        AuthResponse elsewhere = SERVER.api().login(eve.username(), password(eve));
        Connection c = SERVER.connect(eve);

        SERVER.api().logout(eve.refreshToken());

        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        assertRefused(eve.accessToken());
        // The other sign-in of the same account goes on.
        assertThat(SERVER.api().me(elsewhere.accessToken()).userId()).isEqualTo(eve.userId());
        SERVER.connect(elsewhere).close();
    }

    @Test
    void aPasswordChangeEndsEverySignInAtOnce() throws Exception {
        AuthResponse fay = SERVER.register("fay");
        AuthResponse phone = SERVER.api().login(fay.username(), password(fay));
        Connection c = SERVER.connect(phone);

        SERVER.api().send("POST", "api/v1/me/password", fay.accessToken(),
                new PasswordChange(password(fay), "a brand new passphrase for fay"), Void.class);

        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        assertRefused(fay.accessToken());
        assertRefused(phone.accessToken());
        assertThatThrownBy(() -> SERVER.api().refresh(phone.refreshToken())).isInstanceOf(ApiError.class);
        AuthResponse again = SERVER.api().login(fay.username(), "a brand new passphrase for fay");
        SERVER.connect(again).close();
        assertThat(SERVER.api().me(again.accessToken()).userId()).isEqualTo(fay.userId());
    }

    @Test
    void signingOutEverywhereEndsEverySignIn() throws Exception {
        AuthResponse gus = SERVER.register("gus");
        AuthResponse laptop = SERVER.api().login(gus.username(), password(gus));
        Connection c = SERVER.connect(laptop);

        SERVER.api().send("POST", "api/v1/me/sign-out-everywhere", gus.accessToken(), null, Void.class);

        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        assertRefused(gus.accessToken());
        assertRefused(laptop.accessToken());
        AuthResponse again = SERVER.api().login(gus.username(), password(gus));
        assertThat(SERVER.api().me(again.accessToken()).userId()).isEqualTo(gus.userId());
    }

    @Test
    void aDeletedAccountsTokensStopWorkingAtOnce() throws Exception {
        AuthResponse hal = SERVER.register("hal");
        AuthResponse tablet = SERVER.api().login(hal.username(), password(hal));
        Connection c = SERVER.connect(tablet);

        SERVER.api().send("DELETE", "api/v1/me", hal.accessToken(), new AccountDeletion(password(hal)), Void.class);

        assertThat(c.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.SIGNED_OUT);
        assertRefused(hal.accessToken());
        assertRefused(tablet.accessToken());
    }

    @Test
    void aTokenWithoutExpiryOpensNothing() {
        AuthResponse ivy = SERVER.register("ivy");
        String forever = JWT.create().withIssuer(TokenService.ISSUER).withSubject(ivy.userId())
                .withClaim(TokenService.GENERATION, 0L)
                .sign(Algorithm.HMAC256(Secrets.jwtSecret(SERVER.server().config())));

        assertRefused(forever);
    }

    /** A token of the user signed with the server's key that expires {@code left} from now. */
    private static String expiringIn(AuthResponse user, Duration left) {
        byte[] secret = Secrets.jwtSecret(SERVER.server().config());
        Clock issued = Clock.fixed(Instant.now().minus(TokenService.ACCESS_TTL).plus(left), ZoneOffset.UTC);
        return new TokenService(secret, issued).issue(user.userId());
    }

    private static String password(AuthResponse user) {
        return "violet harbor lantern " + user.username();
    }

    /** Refused on REST with 401, and no WebSocket opens with it. */
    private static void assertRefused(String token) {
        assertThatThrownBy(() -> SERVER.api().me(token))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> SERVER.connectWith(token))
                .satisfies(e -> assertThat(Connection.handshakeStatus(e)).isEqualTo(401));
    }
}
