package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.GuestJoin;
import io.skyscope.protocol.rest.GuestJoined;
import io.skyscope.protocol.rest.GuestLinkCreate;
import io.skyscope.protocol.rest.GuestLinkList;
import io.skyscope.protocol.rest.GuestLinkView;
import io.skyscope.protocol.rest.GuestMessages;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.guest.GuestService;
import io.skyscope.server.store.GuestLinks.GuestLink;
import java.util.function.Function;

/**
 * REST routes for guest links (owner or admin: make, list, revoke), for joining by one (no
 * account: a display name only, limited per link and per address), and for a member's "accept
 * direct messages from guests" setting. Thin: the rules are in {@link GuestService}. Handlers run
 * on HTTP request threads.
 */
public final class GuestRoutes {
    private final GuestService guests;
    private final PublicLinks links;
    private final Function<Context, AuthenticatedUser> authenticator;
    private final ClientAddresses addresses;

    public GuestRoutes(GuestService guests, PublicLinks links, Function<Context, AuthenticatedUser> authenticator,
                       ClientAddresses addresses) {
        this.guests = guests;
        this.links = links;
        this.authenticator = authenticator;
        this.addresses = addresses;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/spaces/{spaceId}/guest-links", ctx -> {
            String actor = user(ctx);
            GuestLinkCreate body = ctx.body().isBlank() ? new GuestLinkCreate(null, null)
                    : HttpJson.read(ctx, GuestLinkCreate.class);
            HttpJson.write(ctx, 201, view(guests.create(actor, ctx.pathParam("spaceId"), body.lifetimeSeconds(),
                    body.maxGuests())));
        });
        routes.get("/api/v1/spaces/{spaceId}/guest-links", ctx -> HttpJson.write(ctx, 200, new GuestLinkList(
                guests.list(user(ctx), ctx.pathParam("spaceId")).stream().map(this::view).toList())));
        routes.delete("/api/v1/spaces/{spaceId}/guest-links/{code}", ctx -> {
            guests.revoke(user(ctx), ctx.pathParam("spaceId"), ctx.pathParam("code"));
            ctx.status(204);
        });
        routes.post("/api/v1/guest-links/{code}/join", ctx -> {
            GuestJoin body = HttpJson.read(ctx, GuestJoin.class);
            var joined = guests.join(ctx.pathParam("code"), body.displayName(), addresses.of(ctx));
            HttpJson.write(ctx, 201, new GuestJoined(AuthRoutes.response(joined.tokens()), joined.spaceId()));
        });
        routes.get("/api/v1/me/guest-messages", ctx ->
                HttpJson.write(ctx, 200, new GuestMessages(guests.acceptsMessages(user(ctx)))));
        routes.put("/api/v1/me/guest-messages", ctx -> {
            String userId = user(ctx);
            GuestMessages body = HttpJson.read(ctx, GuestMessages.class);
            guests.setAcceptsMessages(userId, body.allow());
            HttpJson.write(ctx, 200, new GuestMessages(body.allow()));
        });
    }

    private GuestLinkView view(GuestLink l) {
        return new GuestLinkView(l.code(), l.spaceId(), l.expiresAt(), l.createdBy(), l.guests(), l.maxGuests(),
                links.web(PublicLinks.GUEST, l.code()), links.app(PublicLinks.GUEST, l.code()));
    }

    private String user(Context ctx) {
        return authenticator.apply(ctx).userId();
    }
}
