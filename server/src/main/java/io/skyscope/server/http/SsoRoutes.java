package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.skyscope.protocol.rest.SsoFinish;
import io.skyscope.protocol.rest.SsoStart;
import io.skyscope.server.auth.SsoService;

/**
 * REST routes for the ways in and for single sign-on under {@code /api/v1/auth} (no token needed):
 * {@code options}, {@code sso/start}, {@code sso/finish}. Thin: reads the body, calls
 * {@link SsoService}; errors are mapped by {@link HttpErrors}. Runs on HTTP request threads.
 */
public final class SsoRoutes {
    private final SsoService sso;
    private final ClientAddresses addresses;

    public SsoRoutes(SsoService sso, ClientAddresses addresses) {
        this.sso = sso;
        this.addresses = addresses;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/auth/options", ctx -> HttpJson.write(ctx, 200, sso.options()));
        routes.post("/api/v1/auth/sso/start", ctx -> {
            SsoStart r = HttpJson.read(ctx, SsoStart.class);
            HttpJson.write(ctx, 200, sso.start(r.redirectUri(), r.codeChallenge(), r.inviteCode(), addresses.of(ctx)));
        });
        routes.post("/api/v1/auth/sso/finish", ctx -> {
            SsoFinish r = HttpJson.read(ctx, SsoFinish.class);
            HttpJson.write(ctx, 200, AuthRoutes.response(sso.finish(r.state(), r.code(), r.codeVerifier(),
                    addresses.of(ctx))));
        });
    }
}
