package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.InviteList;
import io.skyscope.protocol.rest.InviteView;
import io.skyscope.protocol.rest.MemberList;
import io.skyscope.protocol.rest.MemberView;
import io.skyscope.protocol.rest.RoleChange;
import io.skyscope.protocol.rest.SpaceCreate;
import io.skyscope.protocol.rest.SpaceList;
import io.skyscope.protocol.rest.SpaceView;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.space.SpaceService.Member;
import io.skyscope.server.space.SpaceService.SpaceAccess;
import io.skyscope.server.store.Invites.Invite;
import io.skyscope.server.store.Spaces.Space;
import java.util.function.Function;

/**
 * REST routes for spaces, members and invites under {@code /api/v1}; every one needs a bearer
 * token. Thin: the rules are in {@link SpaceService}; errors are mapped by {@link HttpErrors}.
 * Handlers run on HTTP request threads.
 */
public final class SpaceRoutes {
    private final SpaceService spaces;
    private final Function<Context, AuthenticatedUser> authenticator;
    private final PublicLinks links;

    /** With links on {@code http://localhost:8080} (for tests that do not look at them). */
    public SpaceRoutes(SpaceService spaces, Function<Context, AuthenticatedUser> authenticator) {
        this(spaces, authenticator, new PublicLinks(null, "localhost", () -> 8080));
    }

    /** @param links where invite links point */
    public SpaceRoutes(SpaceService spaces, Function<Context, AuthenticatedUser> authenticator, PublicLinks links) {
        this.spaces = spaces;
        this.authenticator = authenticator;
        this.links = links;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/spaces", ctx -> {
            var page = spaces.page(user(ctx), ctx.queryParam("after"), ChatRoutes.limit(ctx));
            HttpJson.write(ctx, 200, new SpaceList(page.items().stream().map(SpaceRoutes::view).toList(), page.next()));
        });
        routes.post("/api/v1/spaces", ctx -> {
            String userId = user(ctx);
            SpaceCreate c = HttpJson.read(ctx, SpaceCreate.class);
            HttpJson.write(ctx, 201, view(spaces.create(userId, c.name(), c.visibility())));
        });
        routes.get("/api/v1/spaces/{spaceId}", ctx ->
                HttpJson.write(ctx, 200, view(spaces.get(user(ctx), ctx.pathParam("spaceId")))));
        routes.delete("/api/v1/spaces/{spaceId}", ctx -> {
            spaces.delete(user(ctx), ctx.pathParam("spaceId"));
            ctx.status(204);
        });
        routes.get("/api/v1/spaces/{spaceId}/members", ctx -> HttpJson.write(ctx, 200, new MemberList(
                spaces.members(user(ctx), ctx.pathParam("spaceId")).stream().map(SpaceRoutes::view).toList())));
        routes.put("/api/v1/spaces/{spaceId}/members/{userId}", ctx -> {
            String actor = user(ctx);
            RoleChange change = HttpJson.read(ctx, RoleChange.class);
            HttpJson.write(ctx, 200, view(spaces.setRole(actor, ctx.pathParam("spaceId"), ctx.pathParam("userId"),
                    change.role())));
        });
        routes.delete("/api/v1/spaces/{spaceId}/members/{userId}", ctx -> {
            spaces.removeMember(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("userId"));
            ctx.status(204);
        });
        routes.post("/api/v1/spaces/{spaceId}/invites", ctx -> {
            Invite invite = spaces.createInvite(user(ctx), ctx.pathParam("spaceId"));
            HttpJson.write(ctx, 201, view(invite));
        });
        routes.get("/api/v1/spaces/{spaceId}/invites", ctx -> HttpJson.write(ctx, 200, new InviteList(
                spaces.invites(user(ctx), ctx.pathParam("spaceId")).stream().map(this::view).toList())));
        routes.delete("/api/v1/spaces/{spaceId}/invites/{code}", ctx -> {
            spaces.revokeInvite(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("code"));
            ctx.status(204);
        });
        routes.post("/api/v1/invites/{code}/accept", ctx ->
                HttpJson.write(ctx, 200, view(spaces.acceptInvite(user(ctx), ctx.pathParam("code")))));
    }

    private InviteView view(Invite invite) {
        return new InviteView(invite.code(), invite.spaceId(), invite.expiresAt(), invite.createdBy(), invite.uses(),
                invite.maxUses(), links.web(PublicLinks.INVITE, invite.code()),
                links.app(PublicLinks.INVITE, invite.code()));
    }

    private String user(Context ctx) {
        return authenticator.apply(ctx).userId();
    }

    static SpaceView view(SpaceAccess access) {
        Space s = access.space();
        return new SpaceView(s.id(), s.name(), s.visibility(), s.ownerId(), s.mapId(), s.mapVersion(), access.role());
    }

    static MemberView view(Member m) {
        return new MemberView(m.userId(), m.displayName(), m.role());
    }
}
