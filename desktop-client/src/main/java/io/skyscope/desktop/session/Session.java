package io.skyscope.desktop.session;

import io.skyscope.client.ApiError;
import io.skyscope.client.SkyScopeApi;
import io.skyscope.desktop.settings.Settings;
import io.skyscope.protocol.rest.AuthResponse;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in user on one server: the REST client and the tokens, refreshed shortly before the
 * access token expires. Each rotated refresh token is saved to {@link Settings} so the next start
 * signs in without a password. Thread-safe: token methods are synchronised, and REST calls are made
 * from background threads only.
 */
public final class Session {
    /** Refresh this long before the server's expiry, so a token never dies mid-request. */
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final SkyScopeApi api;
    private final HttpClient http;
    private final Settings settings;
    private final Clock clock;
    private AuthResponse auth;
    private Instant expiresAt;

    public Session(SkyScopeApi api, HttpClient http, Settings settings, AuthResponse auth, Clock clock) {
        this.api = api;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        accept(auth);
    }

    public SkyScopeApi api() {
        return api;
    }

    public HttpClient http() {
        return http;
    }

    public synchronized String userId() {
        return auth.userId();
    }

    public synchronized String username() {
        return auth.username();
    }

    /** A valid access token, refreshed first if it is about to expire. Blocking; not on the FX thread. */
    public synchronized String accessToken() {
        if (clock.instant().isAfter(expiresAt.minus(EARLY))) {
            refresh();
        }
        return auth.accessToken();
    }

    /**
     * Trades the refresh token for new tokens. An {@link ApiError} with status 401 means the session
     * is over (signed out elsewhere, or the token was reused) and the user must sign in again.
     */
    public synchronized void refresh() {
        accept(api.refresh(auth.refreshToken()));
    }

    /** Signs out on the server (best effort) and forgets the saved session. */
    public synchronized void signOut() {
        try {
            api.logout(auth.refreshToken());
        } catch (RuntimeException e) {
            // The server may be gone; forgetting the token locally is what matters.
        }
        settings.refreshToken(null);
    }

    private void accept(AuthResponse response) {
        this.auth = response;
        this.expiresAt = clock.instant().plusSeconds(Math.max(EARLY.toSeconds() + 5, response.expiresIn()));
        settings.refreshToken(response.refreshToken());
        settings.username(response.username());
    }
}
