package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.PeopleList;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.people.PeopleSearch;
import java.util.function.Function;

/**
 * {@code GET /api/v1/people?q=…}: find people by name among the spaces the caller shares with
 * them ({@link PeopleSearch}). Handlers run on HTTP request threads.
 */
public final class PeopleRoutes {
    private final PeopleSearch search;
    private final Function<Context, AuthenticatedUser> authenticator;

    public PeopleRoutes(PeopleSearch search, Function<Context, AuthenticatedUser> authenticator) {
        this.search = search;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/people", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            var page = search.find(userId, ctx.queryParam("q"), ctx.queryParam("after"), ChatRoutes.limit(ctx));
            HttpJson.write(ctx, 200, new PeopleList(page.items(), page.next()));
        });
    }
}
