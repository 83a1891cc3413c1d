package io.skyscope.server.http;

import io.skyscope.server.Refused;
import io.javalin.http.Context;
import io.skyscope.server.LogContext;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.guest.GuestPolicy;
import java.util.function.Function;

/**
 * Reads {@code Authorization: Bearer <jwt>} from a request and verifies it: the token itself, and
 * that no sign-out, password change or account deletion ended it since. Route classes take a
 * {@code Function<Context, AuthenticatedUser>} so tests can substitute their own.
 *
 * A guest's token passes only on the routes {@link GuestPolicy} lets guests use.
 *
 * The user's id goes into the request's log context ({@link LogContext}).
 *
 * <p>Thread-safe; called on HTTP request threads.
 */
public final class Authenticator implements Function<Context, AuthenticatedUser> {
    private static final String BEARER = "bearer ";

    private final AccessCheck access;
    private final GuestPolicy guests;

    /** Guests may open conversations with nobody. */
    public Authenticator(AccessCheck access) {
        this(access, GuestPolicy.closed());
    }

    public Authenticator(AccessCheck access, GuestPolicy guests) {
        this.access = access;
        this.guests = guests;
    }

    /**
     * @throws Refused 401 if the header is missing or the token is not valid; 403 {@code
     *     guest_not_allowed} for a guest on a route closed to guests
     */
    @Override
    public AuthenticatedUser apply(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw Refused.unauthorized("Sign in first: an 'Authorization: Bearer <token>' header is required");
        }
        AuthenticatedUser user = access.verify(header.substring(BEARER.length()).trim());
        LogContext.user(user.userId());
        guests.requireRoute(user, ctx);
        return user;
    }
}
