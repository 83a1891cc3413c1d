package io.skyscope.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.SsoAuthorization;
import io.skyscope.protocol.rest.SsoFinish;
import io.skyscope.protocol.rest.SsoStart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Single sign-on the way desktop apps do it (RFC 8252 with PKCE, RFC 7636): listens on
 * {@code 127.0.0.1} on a free port, asks the server for the provider's page (sending only the PKCE
 * challenge), has {@code browser} open it, waits for the provider to send the browser back to the
 * listener with {@code code} and {@code state}, checks the state, and hands both with the verifier to
 * the server, which answers with the usual tokens. The verifier never leaves this object before that
 * last step, so a code caught by another program on this device is useless; the client secret stays
 * on the server.
 *
 * <p>The listener takes one callback on {@link #CALLBACK_PATH} and closes after it (or on timeout).
 * Threads: {@link #signIn} blocks its caller (not a UI thread); the listener runs on its own thread.
 */
public final class OidcSignIn {
    /**
     * Where the provider sends the browser back, on {@code http://127.0.0.1:<any port>}: the redirect
     * address an admin registers at the provider.
     */
    public static final String CALLBACK_PATH = "/skyscope/callback";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SkyScopeApi api;

    public OidcSignIn(SkyScopeApi api) {
        this.api = api;
    }

    /** Why a sign-in did not come back from the browser (the person closed it, the provider said no, too slow). */
    public static final class Failed extends RuntimeException {
        public Failed(String message) {
            super(message);
        }
    }

    /**
     * Signs in through the server's single sign-on.
     *
     * @param browser    opens the provider's page: the desktop passes the system browser, the CLI prints it
     * @param inviteCode for a new account on an invite-only server, or null
     * @param timeout    how long the person may take in the browser
     * @throws Failed when the browser brings back an error or nothing in time
     * @throws ApiError as the server refuses (e.g. 501 {@code sso_not_configured}, 401 {@code sso_refused})
     */
    public AuthResponse signIn(Consumer<URI> browser, String inviteCode, Duration timeout) {
        String verifier = random();
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        HttpServer listener;
        try {
            listener = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 4);
        } catch (IOException e) {
            throw new Failed("cannot listen on this computer for the sign-in: " + e.getMessage());
        }
        listener.createContext(CALLBACK_PATH, exchange -> answer(exchange, callback));
        listener.start();
        try {
            String redirect = "http://127.0.0.1:" + listener.getAddress().getPort() + CALLBACK_PATH;
            SsoAuthorization authorization = api.startSso(new SsoStart(redirect, challenge(verifier), inviteCode));
            browser.accept(URI.create(authorization.authorizationUrl()));
            Map<String, String> query = callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (query.containsKey("error")) {
                throw new Failed("the sign-in provider said " + query.get("error")
                        + (query.containsKey("error_description") ? ": " + query.get("error_description") : ""));
            }
            // Our own check against login CSRF: a callback we did not start is not handed on.
            if (!MessageDigest.isEqual(bytes(query.get("state")), bytes(authorization.state()))) {
                throw new Failed("the browser came back from another sign-in than this one");
            }
            String code = query.get("code");
            if (code == null || code.isEmpty()) {
                throw new Failed("the sign-in provider sent no code");
            }
            return api.finishSso(new SsoFinish(authorization.state(), code, verifier));
        } catch (TimeoutException e) {
            throw new Failed("nothing came back from the browser within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        } catch (ExecutionException e) {
            throw new Failed(String.valueOf(e.getCause()));
        } finally {
            listener.stop(0);
        }
    }

    /** Takes the first callback (GET with a query) and answers the browser with a short page. */
    private static void answer(HttpExchange exchange, CompletableFuture<Map<String, String>> callback)
            throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawQuery();
            if (!"GET".equals(exchange.getRequestMethod()) || raw == null || callback.isDone()) {
                reply(exchange, 404, "Nothing to see here.");
                return;
            }
            Map<String, String> query = parse(raw);
            callback.complete(query);
            reply(exchange, 200, query.containsKey("code")
                    ? "You are signed in to SkyScope. You can close this tab and go back to the app."
                    : "The sign-in did not work. You can close this tab and try again in the app.");
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>SkyScope</title></head>"
                + "<body style=\"font-family:sans-serif;margin:4rem auto;max-width:30rem\"><p>" + text + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&", 32)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /** The S256 challenge of a verifier: BASE64URL(SHA-256(verifier)) without padding. */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
