package io.skyscope.server.testing;

import io.skyscope.server.config.OidcConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenID Connect provider in this JVM (NAV's mock-oauth2-server) on a free loopback port, for
 * the whole test class: discovery, an authorization endpoint that sends the browser straight back with
 * a code, a token endpoint that checks the code (once) and its PKCE verifier and signs ID tokens with
 * its own keys, published as JWKS. Register it before the server extensions that use it. Tests choose
 * who signs in next with {@link #nextSignIn}, and stand in for the browser with {@link #browser()}.
 */
public final class OidcServer implements BeforeAllCallback, AfterAllCallback {
    public static final String CLIENT_ID = "skyscope";
    public static final String CLIENT_SECRET = "a client secret for tests";

    private final String issuerId;
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final HttpClient noRedirects = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private MockOAuth2Server server;

    /** @param issuerId the issuer's path on the provider ({@code http://localhost:<port>/<issuerId>}) */
    public OidcServer(String issuerId) {
        this.issuerId = issuerId;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.shutdown();
        }
    }

    public String issuer() {
        return server.issuerUrl(issuerId).toString();
    }

    /** Configuration that signs in here as {@value #CLIENT_ID}. */
    public OidcConfig config(boolean ssoOnly, long stateTtlSeconds) {
        return new OidcConfig(issuer(), CLIENT_ID, CLIENT_SECRET, "Corp", ssoOnly, stateTtlSeconds, 1000);
    }

    /** The next code redeemed here is for {@code subject}, with these claims added to (or replacing) the usual. */
    public void nextSignIn(String subject, Map<String, Object> claims) {
        nextSignIn(subject, claims, 3600);
    }

    /** As {@link #nextSignIn(String, Map)}, with tokens that expire {@code expirySeconds} from now. */
    public void nextSignIn(String subject, Map<String, Object> claims, long expirySeconds) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, expirySeconds));
    }

    /** A browser that opens the page and follows the provider's redirect to the app's loopback listener. */
    public Consumer<URI> browser() {
        return uri -> {
            try {
                browser.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * Opens an authorization URL without following the redirect, and returns the query the provider
     * sends back ({@code code}, {@code state}): what an app's listener would receive.
     */
    public Map<String, String> authorize(URI authorizationUrl) {
        try {
            HttpResponse<Void> response = noRedirects.send(HttpRequest.newBuilder(authorizationUrl)
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.discarding());
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no redirect from " + authorizationUrl + ": "
                            + response.statusCode()));
            Map<String, String> query = new HashMap<>();
            for (String pair : URI.create(location).getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return query;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
