package io.skyscope.server.voice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials computed from a secret shared with the TURN server, in the TURN
 * REST API scheme that coturn checks with {@code use-auth-secret} / {@code static-auth-secret}:
 * the username is {@code <expiry unix seconds>:<user id>}, the password is
 * {@code base64(HMAC-SHA1(secret, username))}. The TURN server needs no call to us: it recomputes
 * the password and refuses a username whose expiry has passed. Thread-safe.
 */
public final class TurnCredentials {
    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    /** A username and password valid until {@code expiresAt} (unix seconds). */
    public record Credential(String username, String password, long expiresAt) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }

    public TurnCredentials(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a TURN secret is required");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the TTL must be positive, got " + ttl);
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Credentials for {@code userId} that expire {@code ttl} from now. */
    public Credential issue(String userId) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        String username = expiresAt + ":" + userId;
        return new Credential(username, password(username), expiresAt);
    }

    /** The password coturn expects for a username. */
    public String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
