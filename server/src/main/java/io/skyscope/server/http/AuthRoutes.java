package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.AccountDeletion;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.protocol.rest.LoginRequest;
import io.skyscope.protocol.rest.PasswordChange;
import io.skyscope.protocol.rest.Profile;
import io.skyscope.protocol.rest.ProfileUpdate;
import io.skyscope.protocol.rest.RefreshRequest;
import io.skyscope.protocol.rest.RegisterRequest;
import io.skyscope.server.auth.AuthService;
import io.skyscope.server.auth.AuthTokens;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.store.Users.User;
import java.util.function.Function;

/**
 * REST routes for accounts and sessions under {@code /api/v1}: {@code auth/*} (no token needed)
 * and {@code me} (bearer token). Thin: reads the body, calls {@link AuthService}, writes the
 * answer; errors are mapped by {@link HttpErrors}. Handlers run on HTTP request threads.
 */
public final class AuthRoutes {
    private final AuthService auth;
    private final Function<Context, AuthenticatedUser> authenticator;
    private final AccountEvents events;
    private final ClientAddresses addresses;

    /**
     * What else must happen when a profile changes (people in a space see the new name). Ended
     * sign-ins and deleted accounts reach connections through {@code AccessCheck}.
     */
    public interface AccountEvents {
        void profileChanged(User user);

        AccountEvents NONE = user -> { };
    }

    public AuthRoutes(AuthService auth, Function<Context, AuthenticatedUser> authenticator) {
        this(auth, authenticator, AccountEvents.NONE, ClientAddresses.direct());
    }

    /** @param addresses who a request comes from, for throttling and logs */
    public AuthRoutes(AuthService auth, Function<Context, AuthenticatedUser> authenticator, AccountEvents events,
                      ClientAddresses addresses) {
        this.auth = auth;
        this.authenticator = authenticator;
        this.events = events;
        this.addresses = addresses;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/auth/register", ctx -> {
            RegisterRequest r = HttpJson.read(ctx, RegisterRequest.class);
            HttpJson.write(ctx, 201, response(auth.register(r.username(), r.password(), r.displayName(),
                    r.inviteCode(), addresses.of(ctx))));
        });
        routes.post("/api/v1/auth/login", ctx -> {
            LoginRequest r = HttpJson.read(ctx, LoginRequest.class);
            HttpJson.write(ctx, 200, response(auth.login(r.username(), r.password(), addresses.of(ctx))));
        });
        routes.post("/api/v1/auth/refresh", ctx -> {
            RefreshRequest r = HttpJson.read(ctx, RefreshRequest.class);
            HttpJson.write(ctx, 200, response(auth.refresh(r.refreshToken())));
        });
        routes.post("/api/v1/auth/logout", ctx -> {
            auth.logout(HttpJson.read(ctx, RefreshRequest.class).refreshToken());
            ctx.status(204);
        });
        routes.get("/api/v1/me", ctx ->
                HttpJson.write(ctx, 200, profile(auth.profile(authenticator.apply(ctx).userId()))));
        routes.patch("/api/v1/me", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            ProfileUpdate u = HttpJson.read(ctx, ProfileUpdate.class);
            User updated = auth.updateProfile(userId, u.displayName(), u.avatar(), u.status(), u.statusText(),
                    u.bio(), u.pronouns(), u.jobTitle(), u.timeZone());
            events.profileChanged(updated);
            HttpJson.write(ctx, 200, profile(updated));
        });
        routes.post("/api/v1/me/password", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            PasswordChange c = HttpJson.read(ctx, PasswordChange.class);
            auth.changePassword(userId, c.currentPassword(), c.newPassword(), addresses.of(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/me/sign-out-everywhere", ctx -> {
            auth.signOutEverywhere(authenticator.apply(ctx).userId());
            ctx.status(204);
        });
        routes.delete("/api/v1/me", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            auth.deleteAccount(userId, HttpJson.read(ctx, AccountDeletion.class).password(), addresses.of(ctx));
            ctx.status(204);
        });
    }

    static AuthResponse response(AuthTokens t) {
        return new AuthResponse(t.userId(), t.username(), t.accessToken(), t.refreshToken(), t.expiresInSeconds());
    }

    static Profile profile(User u) {
        return new Profile(u.id(), u.username(), u.displayName(), u.avatar(), u.status(), u.statusText(),
                u.serverAdmin(), u.createdAt(), u.email(), u.card().bio(), u.card().pronouns(), u.card().jobTitle(),
                u.card().timeZone(), u.card().photo());
    }
}
