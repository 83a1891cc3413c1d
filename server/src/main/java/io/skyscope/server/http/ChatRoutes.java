package io.skyscope.server.http;

import io.skyscope.server.Refused;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.ConversationCreate;
import io.skyscope.protocol.rest.ParticipantAdd;
import io.skyscope.protocol.rest.UnreadList;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.chat.ChatHistory;
import io.skyscope.server.chat.ChatReads;
import io.skyscope.server.chat.ConversationService;
import io.skyscope.server.chat.NotificationService;
import java.util.function.Function;

/**
 * REST routes for chat history, conversations, unread counts and notifications under
 * {@code /api/v1}; every one needs a bearer token. Thin: the rules are in the chat services;
 * errors are mapped by {@link HttpErrors}. Handlers run on HTTP request threads.
 */
public final class ChatRoutes {
    private final ChatHistory history;
    private final ChatReads reads;
    private final ConversationService conversations;
    private final NotificationService notifications;
    private final Function<Context, AuthenticatedUser> authenticator;

    public ChatRoutes(ChatHistory history, ChatReads reads, ConversationService conversations,
                      NotificationService notifications, Function<Context, AuthenticatedUser> authenticator) {
        this.history = history;
        this.reads = reads;
        this.conversations = conversations;
        this.notifications = notifications;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/spaces/{spaceId}/messages", ctx -> HttpJson.write(ctx, 200, history.space(user(ctx),
                ctx.pathParam("spaceId"), ctx.queryParam("channel"), ctx.queryParam("before"), limit(ctx))));
        routes.get("/api/v1/conversations/{convId}/messages", ctx -> HttpJson.write(ctx, 200,
                history.conversation(user(ctx), ctx.pathParam("convId"), ctx.queryParam("before"), limit(ctx))));
        routes.get("/api/v1/spaces/{spaceId}/unread", ctx -> {
            String spaceId = ctx.pathParam("spaceId");
            HttpJson.write(ctx, 200, new UnreadList(spaceId, reads.unread(user(ctx), spaceId)));
        });

        routes.post("/api/v1/spaces/{spaceId}/conversations", ctx -> {
            String userId = user(ctx);
            ConversationCreate body = HttpJson.read(ctx, ConversationCreate.class);
            var opened = conversations.create(userId, ctx.pathParam("spaceId"), body);
            HttpJson.write(ctx, opened.created() ? 201 : 200, opened.conversation());
        });
        routes.get("/api/v1/spaces/{spaceId}/conversations", ctx -> HttpJson.write(ctx, 200,
                conversations.list(user(ctx), ctx.pathParam("spaceId"), ctx.queryParam("before"), limit(ctx))));
        routes.get("/api/v1/conversations/{convId}", ctx ->
                HttpJson.write(ctx, 200, conversations.get(user(ctx), ctx.pathParam("convId"))));
        routes.post("/api/v1/conversations/{convId}/participants", ctx -> {
            String userId = user(ctx);
            ParticipantAdd body = HttpJson.read(ctx, ParticipantAdd.class);
            HttpJson.write(ctx, 200, conversations.add(userId, ctx.pathParam("convId"), body.userId()));
        });
        routes.delete("/api/v1/conversations/{convId}/participants/{userId}", ctx -> {
            conversations.leave(user(ctx), ctx.pathParam("convId"), ctx.pathParam("userId"));
            ctx.status(204);
        });

        routes.get("/api/v1/notifications", ctx -> HttpJson.write(ctx, 200,
                notifications.list(user(ctx), ctx.queryParam("before"), limit(ctx))));
        routes.post("/api/v1/notifications/read-all", ctx -> {
            notifications.markAllRead(user(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/notifications/{id}/read", ctx -> {
            notifications.markRead(user(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private String user(Context ctx) {
        return authenticator.apply(ctx).userId();
    }

    /** The {@code limit} query parameter, or null. */
    static Integer limit(Context ctx) {
        String limit = ctx.queryParam("limit");
        if (limit == null || limit.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw Refused.badRequest("limit", "'limit' must be a whole number");
        }
    }
}
