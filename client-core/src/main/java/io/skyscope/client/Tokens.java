package io.skyscope.client;

import io.skyscope.protocol.rest.AuthResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one signed-in user on one server, and the one place they are renewed. The refresh
 * token is single-use (a reused one signs the whole family out), so everything that acts for the
 * user (REST calls, every {@link Session}) shares one {@code Tokens}. Started from a sign-in with
 * {@link Session.Credentials} (then a refused refresh signs in afresh) or from an {@link AuthResponse}
 * already held, e.g. a saved refresh token traded at start (then a refused refresh ends the
 * sign-in). Listeners hear every rotation, so an app can save the new refresh token.
 *
 * <p>Threads: any thread; renewals are serialised. {@link #accessToken()} may block on a refresh:
 * not on a UI thread.
 */
public final class Tokens {
    private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);
    /** Renew this long before the access token expires, so it never dies mid-request. */
    private static final Duration RENEW_EARLY = Duration.ofSeconds(60);

    private final SkyScopeApi api;
    private final Session.Credentials credentials;
    private final List<Consumer<AuthResponse>> listeners = new CopyOnWriteArrayList<>();
    private AuthResponse auth;
    /** When {@link #auth} was obtained ({@link System#nanoTime}). */
    private long obtainedAtNanos;

    private Tokens(SkyScopeApi api, Session.Credentials credentials, AuthResponse auth) {
        this.api = api;
        this.credentials = credentials;
        accept(auth);
    }

    /** Signs in (registering if allowed and needed); fails with the server's {@link ApiError}. */
    public static Tokens signIn(SkyScopeApi api, Session.Credentials credentials) {
        return new Tokens(api, credentials, login(api, credentials));
    }

    /** Tokens already obtained (a sign-in form, a saved refresh token traded in). */
    public static Tokens of(SkyScopeApi api, AuthResponse auth) {
        return new Tokens(api, null, auth);
    }

    public SkyScopeApi api() {
        return api;
    }

    /** Runs after every renewal with the new tokens, on the renewing thread. Must not block. */
    public void onRenewed(Consumer<AuthResponse> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AuthResponse> listener) {
        listeners.remove(listener);
    }

    public synchronized AuthResponse current() {
        return auth;
    }

    public synchronized String userId() {
        return auth.userId();
    }

    public synchronized String username() {
        return auth.username();
    }

    /** A valid access token, renewed first if it is about to expire. Blocking. */
    public synchronized String accessToken() {
        if (System.nanoTime() >= renewAtNanos()) {
            renew();
        }
        return auth.accessToken();
    }

    /** When the access token should be renewed ({@link System#nanoTime}). */
    public synchronized long renewAtNanos() {
        long lifetime = TimeUnit.SECONDS.toNanos(auth.expiresIn());
        return obtainedAtNanos + Math.max(lifetime / 2, lifetime - RENEW_EARLY.toNanos());
    }

    /**
     * Trades the refresh token for new tokens; if the server refuses it, signs in afresh when this
     * was started with credentials. An {@link ApiError} with status 401 otherwise means the sign-in
     * is over (signed out elsewhere, or the token was reused) and the user must sign in again.
     */
    public synchronized AuthResponse renew() {
        AuthResponse fresh;
        try {
            fresh = api.refresh(auth.refreshToken());
        } catch (ApiError e) {
            if (credentials == null) {
                throw e;
            }
            fresh = login(api, credentials);
        }
        accept(fresh);
        return fresh;
    }

    /** Signs out on the server, best effort: the server may be gone. */
    public synchronized void signOut() {
        try {
            api.logout(auth.refreshToken());
        } catch (RuntimeException e) {
            LOG.info("{}: sign-out not confirmed by the server: {}", auth.username(), e.getMessage());
        }
    }

    private void accept(AuthResponse fresh) {
        auth = fresh;
        obtainedAtNanos = System.nanoTime();
        for (var l : listeners) {
            try {
                l.accept(fresh);
            } catch (RuntimeException e) {
                LOG.warn("token listener failed", e);
            }
        }
    }

    private static AuthResponse login(SkyScopeApi api, Session.Credentials credentials) {
        try {
            return api.login(credentials.username(), credentials.password());
        } catch (ApiError e) {
            if (e.status() != 401 || credentials.displayName() == null) {
                throw e;
            }
            try {
                LOG.info("registering {}", credentials.username());
                return api.register(credentials.username(), credentials.password(), credentials.displayName());
            } catch (ApiError registration) {
                if ("username_taken".equals(registration.code())) {
                    throw e; // the account exists: the password was wrong
                }
                throw registration;
            }
        }
    }
}
