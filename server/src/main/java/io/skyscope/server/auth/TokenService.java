package io.skyscope.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.skyscope.server.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Issues and checks access tokens: HS256 JWTs with issuer {@value #ISSUER}, the user id as
 * subject, a {@link #ACCESS_TTL 15-minute} lifetime (a token without {@code exp} is refused), the
 * account's token generation ({@value #GENERATION}) and the sign-in it belongs to ({@value
 * #SESSION}). This class checks only what the token itself says; {@link AccessCheck} adds what
 * has happened since (a sign-out, a password change, a deleted account).
 *
 * <p>Thread-safe and immutable; called from HTTP request threads and from the WebSocket
 * pre-upgrade check.
 */
public final class TokenService {
    public static final String ISSUER = "skyscope";
    /** How long an access token lasts unless the server is configured otherwise (ACCESS_TOKEN_TTL_SECONDS). */
    public static final Duration ACCESS_TTL = Duration.ofMinutes(15);
    /** HS256 needs a key at least as long as its output. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Claim: the account's token generation when the token was issued. */
    public static final String GENERATION = "gen";
    /** Claim: the sign-in (refresh-token family) the token belongs to. */
    public static final String SESSION = "sid";
    /** Claim: the one space a guest's token is good for; absent on members' tokens. */
    public static final String GUEST = "guest";

    private final Algorithm algorithm;
    private final Duration ttl;
    private final JWTVerifier verifier;
    private final Clock clock;

    /** With the default {@link #ACCESS_TTL}. */
    public TokenService(byte[] secret, Clock clock) {
        this(secret, ACCESS_TTL, clock);
    }

    /**
     * @param secret the HMAC key, at least {@value #MIN_SECRET_BYTES} bytes; copied
     * @param ttl    how long an access token lasts
     * @param clock  the time tokens are issued and checked against
     */
    public TokenService(byte[] secret, Duration ttl, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.ttl = ttl;
        this.algorithm = Algorithm.HMAC256(Arrays.copyOf(secret, secret.length));
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence("exp"))
                .build(clock);
    }

    /** A new access token for the user of generation 0 and no sign-in, valid for {@link #ttl()}. */
    public String issue(String userId) {
        return issue(userId, 0, null);
    }

    /**
     * A new access token, valid for {@link #ttl()}.
     *
     * @param generation the account's current token generation
     * @param sessionId  the sign-in (refresh-token family) it belongs to, or null
     */
    public String issue(String userId, long generation, String sessionId) {
        return issue(userId, generation, sessionId, null, null);
    }

    /**
     * A guest's access token: good for {@code spaceId} only, and never past {@code until} (the
     * guest link's expiry), however long a member's token would last.
     */
    public String issueGuest(String userId, long generation, String sessionId, String spaceId, Instant until) {
        return issue(userId, generation, sessionId, spaceId, until);
    }

    /** When a token issued now expires: after {@link #ttl()}, or at {@code until} if that is sooner. */
    public Instant expiryFrom(Instant now, Instant until) {
        Instant full = now.plus(ttl);
        return until != null && until.isBefore(full) ? until : full;
    }

    private String issue(String userId, long generation, String sessionId, String guestSpaceId, Instant until) {
        Instant now = clock.instant();
        var jwt = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withIssuedAt(now)
                .withExpiresAt(expiryFrom(now, until))
                .withClaim(GENERATION, generation);
        if (sessionId != null) {
            jwt.withClaim(SESSION, sessionId);
        }
        if (guestSpaceId != null) {
            jwt.withClaim(GUEST, guestSpaceId);
        }
        return jwt.sign(algorithm);
    }

    /** How long an access token lasts. */
    public Duration ttl() {
        return ttl;
    }

    /** Seconds an access token issued now stays valid. */
    public long expiresInSeconds() {
        return ttl.toSeconds();
    }

    /**
     * Checks signature, issuer and expiry (which must be there).
     *
     * @throws Refused 401 whose message says whether the token expired, has an invalid
     *     signature, or is malformed
     */
    public AuthenticatedUser verify(String token) {
        if (token == null || token.isBlank()) {
            throw Refused.unauthorized("Access token missing");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw Refused.unauthorized("Access token expired");
        } catch (SignatureVerificationException | AlgorithmMismatchException e) {
            throw Refused.unauthorized("Access token has an invalid signature");
        } catch (JWTDecodeException e) {
            throw Refused.unauthorized("Access token is malformed");
        } catch (JWTVerificationException e) {
            // Wrong issuer, missing claim, not yet valid: all mean "not one of ours".
            throw Refused.unauthorized("Access token is invalid");
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw Refused.unauthorized("Access token is malformed");
        }
        Long generation = jwt.getClaim(GENERATION).asLong();
        return new AuthenticatedUser(subject, generation == null ? 0 : generation, jwt.getClaim(SESSION).asString(),
                jwt.getExpiresAtAsInstant(), jwt.getClaim(GUEST).asString());
    }
}
