package io.skyscope.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Json;
import io.skyscope.server.Refused;
import io.skyscope.server.config.OidcConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SkyScope as an OpenID Connect client of one provider: its discovery document (read on first use
 * and again after an hour), the authorization URL for a browser, and redeeming a code for an ID
 * token that is checked completely — signature against the provider's published keys (JWKS,
 * RSA or EC only; never "none" or a shared-secret algorithm), issuer, audience (and {@code azp} when
 * there are several), expiry, and the nonce of this sign-in. The client secret goes only to the
 * provider's token endpoint, from this server.
 *
 * <p>Thread-safe: called from HTTP request threads; the discovered endpoints are replaced whole.
 */
public final class OidcProvider {
    /** A person as the provider vouches for them. {@code email} counts only when {@code emailVerified}. */
    public record Identity(String issuer, String subject, String preferredUsername, String name, String email,
                           boolean emailVerified) {
    }

    private record Endpoints(String issuer, URI authorization, URI token, boolean basicAuth,
                             DefaultJWTProcessor<SecurityContext> idTokens, Instant readAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);
    private static final Duration REDISCOVER = Duration.ofHours(1);
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;
    private static final Set<JWSAlgorithm> ALGORITHMS = Stream.concat(JWSAlgorithm.Family.RSA.stream(),
            JWSAlgorithm.Family.EC.stream()).collect(Collectors.toUnmodifiableSet());

    private final OidcConfig config;
    private final HttpClient http;
    private final Clock clock;
    private volatile Endpoints endpoints;

    public OidcProvider(OidcConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The label of the sign-in button. */
    public String name() {
        return config.name();
    }

    /** The provider page to send the browser to, asking for an authorization code with PKCE (S256). */
    public URI authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge) {
        Endpoints e = endpoints();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", config.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("scope", "openid profile email");
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", codeChallenge);
        q.put("code_challenge_method", "S256");
        String base = e.authorization().toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + form(q));
    }

    /**
     * Redeems an authorization code at the token endpoint and checks the ID token that comes back.
     *
     * @throws Refused {@code sso_refused} (401) when the provider refuses the code or the ID token fails
     *     a check, naming which; {@code sso_provider_unavailable} (502) when the provider cannot be reached
     */
    public Identity redeem(String code, String redirectUri, String codeVerifier, String nonce) {
        Endpoints e = endpoints();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("code_verifier", codeVerifier);
        var request = HttpRequest.newBuilder(e.token()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (e.basicAuth()) {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            String pair = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.put("client_id", config.clientId());
            body.put("client_secret", config.clientSecret());
        }
        request.POST(HttpRequest.BodyPublishers.ofString(form(body)));
        var response = fetch(request.build(), "token endpoint");
        JsonNode json = response.json();
        if (response.status() != 200) {
            if (response.status() >= 500 || json == null) {
                throw unavailable("the token endpoint answered " + response.status());
            }
            String error = json.path("error").asText("error");
            String description = json.path("error_description").asText("");
            log.info("The sign-in provider refused a code: {} {}", error, description);
            throw refused("The sign-in provider refused the code (" + error + (description.isEmpty() ? "" : ": "
                    + description) + "); it may have been used already or expired: sign in again");
        }
        String idToken = json == null ? "" : json.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw refused("The sign-in provider sent no ID token");
        }
        return check(e, idToken, nonce);
    }

    private Identity check(Endpoints e, String idToken, String nonce) {
        JWTClaimsSet claims;
        try {
            claims = e.idTokens().process(SignedJWT.parse(idToken), null);
        } catch (ParseException ex) {
            throw refused("The ID token is not a signed JWT");
        } catch (BadJWTException ex) {
            throw refused("The ID token is not valid: " + ex.getMessage());
        } catch (BadJOSEException ex) {
            throw refused("The ID token is not signed by a key of the sign-in provider (" + ex.getMessage() + ")");
        } catch (JOSEException ex) {
            throw unavailable("the provider's keys cannot be read: " + ex.getMessage());
        }
        if (!e.issuer().equals(claims.getIssuer())) {
            throw refused("The ID token comes from another issuer (" + claims.getIssuer() + ") than the configured "
                    + e.issuer());
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(config.clientId())) {
            throw refused("The ID token is meant for another client (audience " + audience + ")");
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && !config.clientId().equals(azp)) {
            throw refused("The ID token has several audiences and was not issued to this client (azp " + azp + ")");
        }
        Object tokenNonce = claims.getClaim("nonce");
        if (!(tokenNonce instanceof String n) || !MessageDigest.isEqual(n.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8))) {
            throw refused("The ID token's nonce does not belong to this sign-in (a replayed or injected token)");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw refused("The ID token names no subject");
        }
        Object verified = claims.getClaim("email_verified");
        return new Identity(e.issuer(), subject, string(claims, "preferred_username"), string(claims, "name"),
                string(claims, "email"), Boolean.TRUE.equals(verified) || "true".equals(verified));
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /** The discovered endpoints, read again after {@link #REDISCOVER}. */
    private Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e != null && clock.instant().isBefore(e.readAt().plus(REDISCOVER))) {
            return e;
        }
        synchronized (this) {
            if (endpoints == e) {
                endpoints = discover();
            }
            return endpoints;
        }
    }

    private Endpoints discover() {
        String issuer = config.issuer();
        URI url = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        var response = fetch(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                .header("Accept", "application/json").build(), "discovery document");
        JsonNode doc = response.json();
        if (response.status() != 200 || doc == null) {
            throw unavailable("its discovery document at " + url + " answered " + response.status());
        }
        // OpenID Connect Discovery 4.3: the document must name exactly the issuer it was read from.
        if (!issuer.equals(doc.path("issuer").asText())) {
            log.error("OIDC_ISSUER is {} but the provider's discovery document names {}", issuer,
                    doc.path("issuer").asText());
            throw unavailable("its discovery document names another issuer than OIDC_ISSUER");
        }
        try {
            URI authorization = URI.create(doc.path("authorization_endpoint").asText());
            URI token = URI.create(doc.path("token_endpoint").asText());
            URI jwks = URI.create(doc.path("jwks_uri").asText());
            if (authorization.getScheme() == null || token.getScheme() == null || jwks.getScheme() == null) {
                throw unavailable("its discovery document lacks an endpoint");
            }
            boolean basic = true;
            JsonNode methods = doc.path("token_endpoint_auth_methods_supported");
            if (methods.isArray() && methods.size() > 0) {
                basic = false;
                for (JsonNode m : methods) {
                    basic |= m.asText().equals("client_secret_basic");
                }
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(),
                    new DefaultResourceRetriever(5000, 5000, MAX_RESPONSE_BYTES)).build();
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            // Expiry and not-before here (60 s of clock skew); issuer, audience and nonce in check().
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                    Set.of("iss", "sub", "aud", "exp", "iat")));
            log.info("Read the discovery document of sign-in provider {}", issuer);
            return new Endpoints(issuer, authorization, token, basic, processor, clock.instant());
        } catch (IllegalArgumentException | IOException ex) {
            throw unavailable("its discovery document has an endpoint that is not a URL: " + ex.getMessage());
        }
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer fetch(HttpRequest request, String what) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw unavailable("its " + what + " answered with more than " + MAX_RESPONSE_BYTES + " bytes");
                }
                JsonNode json;
                try {
                    json = Json.lenient().readTree(bytes);
                } catch (IOException notJson) {
                    json = null;
                }
                return new Answer(response.statusCode(), json != null && json.isObject() ? json : null);
            }
        } catch (IOException e) {
            log.warn("Sign-in provider {} unreachable ({}): {}", config.issuer(), what, e.toString());
            throw unavailable("its " + what + " cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Refused refused(String message) {
        return new Refused(ErrorCode.SSO_REFUSED, message);
    }

    private static Refused unavailable(String why) {
        return new Refused(ErrorCode.SSO_PROVIDER_UNAVAILABLE, "The sign-in provider cannot be used just now: " + why);
    }
}
