package io.skyscope.server.auth;

import io.skyscope.server.http.HttpErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.skyscope.server.Refused;
import io.skyscope.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();
    private final TokenService tokens = new TokenService(SECRET, clock);

    @Test
    void issuedTokenVerifiesToItsUser() {
        String jwt = tokens.issue("user-1", 3, "family-1");

        assertThat(tokens.verify(jwt)).isEqualTo(new AuthenticatedUser("user-1", 3, "family-1",
                clock.instant().plus(TokenService.ACCESS_TTL).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        assertThat(JWT.decode(jwt).getIssuer()).isEqualTo("skyscope");
        assertThat(JWT.decode(jwt).getAlgorithm()).isEqualTo("HS256");
        assertThat(tokens.expiresInSeconds()).isEqualTo(900);
    }

    @Test
    void tokenExpiresAfterFifteenMinutes() {
        String jwt = tokens.issue("user-1");
        clock.advance(Duration.ofMinutes(14));
        assertThat(tokens.verify(jwt).userId()).isEqualTo("user-1");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertUnauthorized(jwt, "expired");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        String forever = JWT.create().withIssuer(TokenService.ISSUER).withSubject("user-1")
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(SECRET));

        assertUnauthorized(forever, "invalid");
    }

    @Test
    void tokenSignedWithAnotherSecretHasAnInvalidSignature() {
        TokenService other = new TokenService("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), clock);

        assertUnauthorized(other.issue("user-1"), "invalid signature");
    }

    @Test
    void garbageIsMalformed() {
        assertUnauthorized("not.a.jwt", "malformed");
        assertUnauthorized("abc", "malformed");
        assertUnauthorized("", "missing");
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String foreign = JWT.create().withIssuer("someone-else").withSubject("user-1")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));

        assertUnauthorized(foreign, "invalid");
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenService(new byte[16], clock));
    }

    private void assertUnauthorized(String jwt, String reason) {
        assertThatThrownBy(() -> tokens.verify(jwt)).isInstanceOfSatisfying(Refused.class, e -> {
            assertThat(HttpErrors.status(e.code())).isEqualTo(401);
            assertThat(e.getMessage()).containsIgnoringCase(reason);
        });
    }
}
