package io.skyscope.server.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Janus's signed tokens ({@code token_auth = true} with a {@code token_auth_secret}):
 * {@code "<expiry>,janus,<plugin>[,<plugin>]:<signature>"}, the signature being the Base64 of
 * HMAC-SHA1 over the part before the colon with the shared secret; Janus refuses it after
 * {@code expiry} (Unix seconds) and for any plugin it does not name. Immutable.
 */
public final class JanusTokens {
    public static final String AUDIOBRIDGE = io.skyscope.protocol.media.JanusApi.AUDIOBRIDGE;
    private static final String REALM = "janus";

    private final byte[] secret;
    private final Clock clock;

    public JanusTokens(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A token for the AudioBridge alone, valid for {@code ttlSeconds} from now. */
    public String audioBridge(long ttlSeconds) {
        return sign(clock.millis() / 1000 + ttlSeconds, AUDIOBRIDGE);
    }

    /** A token valid until {@code expiryEpochSeconds} for the named plugins. */
    public String sign(long expiryEpochSeconds, String... plugins) {
        String data = expiryEpochSeconds + "," + REALM + "," + String.join(",", plugins);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return data + ":" + Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }
}
