package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.ChatSettings;
import io.skyscope.protocol.rest.ReportCreate;
import io.skyscope.protocol.rest.SanctionList;
import io.skyscope.protocol.rest.SanctionRequest;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.chat.ChatRetention;
import io.skyscope.server.chat.Moderation;
import java.util.function.Function;

/**
 * REST routes for reports, bans, mutes, kicks and a space's chat settings under {@code /api/v1};
 * every one needs a bearer token. Thin: the rules are in {@link Moderation} and
 * {@link ChatRetention}. Handlers run on HTTP request threads.
 */
public final class ModerationRoutes {
    private final Moderation moderation;
    private final ChatRetention retention;
    private final Function<Context, AuthenticatedUser> authenticator;

    public ModerationRoutes(Moderation moderation, ChatRetention retention,
                            Function<Context, AuthenticatedUser> authenticator) {
        this.moderation = moderation;
        this.retention = retention;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/messages/{messageId}/reports", ctx -> {
            String userId = user(ctx);
            ReportCreate body = optionalBody(ctx, ReportCreate.class, new ReportCreate(null));
            HttpJson.write(ctx, 201, moderation.report(userId, ctx.pathParam("messageId"), body.reason()));
        });
        routes.get("/api/v1/spaces/{spaceId}/reports", ctx -> HttpJson.write(ctx, 200, moderation.reports(user(ctx),
                ctx.pathParam("spaceId"), ctx.queryParam("before"), ChatRoutes.limit(ctx))));

        routes.get("/api/v1/spaces/{spaceId}/sanctions", ctx -> HttpJson.write(ctx, 200,
                new SanctionList(moderation.sanctions(user(ctx), ctx.pathParam("spaceId")))));
        routes.put("/api/v1/spaces/{spaceId}/bans/{userId}", ctx -> {
            String actor = user(ctx);
            SanctionRequest body = optionalBody(ctx, SanctionRequest.class, new SanctionRequest(null, null));
            HttpJson.write(ctx, 200, moderation.ban(actor, ctx.pathParam("spaceId"), ctx.pathParam("userId"),
                    body.reason()));
        });
        routes.delete("/api/v1/spaces/{spaceId}/bans/{userId}", ctx -> {
            moderation.unban(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("userId"));
            ctx.status(204);
        });
        routes.put("/api/v1/spaces/{spaceId}/mutes/{userId}", ctx -> {
            String actor = user(ctx);
            SanctionRequest body = optionalBody(ctx, SanctionRequest.class, new SanctionRequest(null, null));
            HttpJson.write(ctx, 200, moderation.mute(actor, ctx.pathParam("spaceId"), ctx.pathParam("userId"),
                    body.minutes(), body.reason()));
        });
        routes.delete("/api/v1/spaces/{spaceId}/mutes/{userId}", ctx -> {
            moderation.unmute(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("userId"));
            ctx.status(204);
        });
        routes.post("/api/v1/spaces/{spaceId}/members/{userId}/kick", ctx -> {
            moderation.kick(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("userId"));
            ctx.status(204);
        });

        routes.get("/api/v1/spaces/{spaceId}/chat-settings", ctx ->
                HttpJson.write(ctx, 200, retention.settings(user(ctx), ctx.pathParam("spaceId"))));
        routes.put("/api/v1/spaces/{spaceId}/chat-settings", ctx -> {
            String actor = user(ctx);
            ChatSettings body = HttpJson.read(ctx, ChatSettings.class);
            HttpJson.write(ctx, 200, retention.update(actor, ctx.pathParam("spaceId"), body));
        });
    }

    private String user(Context ctx) {
        return authenticator.apply(ctx).userId();
    }

    private static <T> T optionalBody(Context ctx, Class<T> type, T absent) {
        return ctx.body().isBlank() ? absent : HttpJson.read(ctx, type);
    }
}
