package io.skyscope.desktop.e2e;

import io.skyscope.server.config.OidcConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider in this JVM (NAV's mock-oauth2-server) on a free loopback port,
 * whose authorization page sends the browser straight back with a code; and a browser that follows
 * it, standing in for the system browser the app opens.
 */
final class SignInProvider implements AutoCloseable {
    private static final String ISSUER_ID = "corp";
    private final MockOAuth2Server server = new MockOAuth2Server();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    SignInProvider() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** The server signs in here as client "skyscope", with the button "Sign in with Corp". */
    OidcConfig config() {
        return new OidcConfig(server.issuerUrl(ISSUER_ID).toString(), "skyscope", "a client secret for tests", "Corp",
                false, 600, 1000);
    }

    /** The next code redeemed here is for {@code subject} with these claims. */
    void nextSignIn(String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, 3600));
    }

    /** Opens the page and follows the provider's redirect to the app's loopback listener. */
    Consumer<URI> browser() {
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

    @Override
    public void close() {
        server.shutdown();
    }
}
