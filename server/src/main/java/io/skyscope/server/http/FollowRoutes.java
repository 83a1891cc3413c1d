package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.FollowSettings;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.follow.FollowService;
import java.util.function.Function;

/**
 * REST routes for following people under {@code /api/v1}: {@code users/{userId}/follow} (PUT to
 * follow, DELETE to stop), {@code me/following} (the Following list with where each person is)
 * and {@code me/follow-settings} (whether others may follow you). Thin; runs on HTTP request
 * threads.
 */
public final class FollowRoutes {
    private final FollowService follows;
    private final Function<Context, AuthenticatedUser> authenticator;

    public FollowRoutes(FollowService follows, Function<Context, AuthenticatedUser> authenticator) {
        this.follows = follows;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.put("/api/v1/users/{userId}/follow", ctx -> {
            follows.follow(authenticator.apply(ctx).userId(), ctx.pathParam("userId"));
            ctx.status(204);
        });
        routes.delete("/api/v1/users/{userId}/follow", ctx -> {
            follows.unfollow(authenticator.apply(ctx).userId(), ctx.pathParam("userId"));
            ctx.status(204);
        });
        routes.get("/api/v1/me/following", ctx ->
                HttpJson.write(ctx, 200, follows.following(authenticator.apply(ctx).userId())));
        routes.get("/api/v1/me/follow-settings", ctx ->
                HttpJson.write(ctx, 200, new FollowSettings(follows.followable(authenticator.apply(ctx).userId()))));
        routes.put("/api/v1/me/follow-settings", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            FollowSettings wanted = HttpJson.read(ctx, FollowSettings.class);
            follows.setFollowable(userId, wanted.followable());
            HttpJson.write(ctx, 200, new FollowSettings(follows.followable(userId)));
        });
    }
}
