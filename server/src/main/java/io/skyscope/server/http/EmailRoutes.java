package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.protocol.rest.EmailAddress;
import io.skyscope.protocol.rest.EmailLogin;
import io.skyscope.protocol.rest.EmailVerification;
import io.skyscope.protocol.rest.PasswordReset;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.Refused;
import io.skyscope.server.auth.EmailService;
import java.util.function.Function;

/**
 * REST routes for email under {@code /api/v1}: an account's address ({@code me/email}, bearer
 * token), sign-in codes and password reset ({@code auth/...}, no token), and the page a
 * verification link opens ({@code /verify-email}). Thin: reads the body,
 * calls {@link EmailService}; errors are mapped by {@link HttpErrors}. Runs on HTTP request threads.
 */
public final class EmailRoutes {
    private final EmailService email;
    private final Function<Context, AuthenticatedUser> authenticator;
    private final ClientAddresses addresses;

    public EmailRoutes(EmailService email, Function<Context, AuthenticatedUser> authenticator,
                       ClientAddresses addresses) {
        this.email = email;
        this.authenticator = authenticator;
        this.addresses = addresses;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/me/email", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            email.requestVerification(userId, HttpJson.read(ctx, EmailAddress.class).email(), addresses.of(ctx));
            ctx.status(202);
        });
        routes.post("/api/v1/me/email/verify", ctx -> {
            String userId = authenticator.apply(ctx).userId();
            String code = HttpJson.read(ctx, EmailVerification.class).code();
            HttpJson.write(ctx, 200, AuthRoutes.profile(email.verify(userId, code, addresses.of(ctx))));
        });
        routes.delete("/api/v1/me/email", ctx ->
                HttpJson.write(ctx, 200, AuthRoutes.profile(email.removeEmail(authenticator.apply(ctx).userId()))));
        routes.post("/api/v1/auth/email/code", ctx -> {
            email.requestSignInCode(HttpJson.read(ctx, EmailAddress.class).email(), addresses.of(ctx));
            ctx.status(202);
        });
        routes.post("/api/v1/auth/email/login", ctx -> {
            EmailLogin r = HttpJson.read(ctx, EmailLogin.class);
            HttpJson.write(ctx, 200, AuthRoutes.response(email.signIn(r.email(), r.code(), addresses.of(ctx))));
        });
        routes.post("/api/v1/auth/password-reset/code", ctx -> {
            email.requestPasswordReset(HttpJson.read(ctx, EmailAddress.class).email(), addresses.of(ctx));
            ctx.status(202);
        });
        // The link in a verification mail. GET only shows a button: mail scanners that open links
        // must not use up the link; the button's POST does.
        routes.get("/verify-email", ctx -> {
            String token = ctx.queryParam("token");
            if (token == null || token.isBlank() || token.length() > 200) {
                HtmlPages.write(ctx, 400, "This link is not complete", "<p>Open the link from the email again, or "
                        + "type the code from the email in the app.</p>");
                return;
            }
            HtmlPages.write(ctx, 200, "Confirm your email address", "<p>Press the button to confirm the address "
                    + "for your SkyScope account.</p><form method=\"post\" action=\"verify-email\">"
                    + "<input type=\"hidden\" name=\"token\" value=\"" + HtmlPages.escape(token) + "\">"
                    + "<button type=\"submit\">Confirm</button></form>");
        });
        routes.post("/verify-email", ctx -> {
            try {
                var user = email.verifyLink(ctx.formParam("token"), addresses.of(ctx));
                HtmlPages.write(ctx, 200, "Email address confirmed", "<p>" + HtmlPages.escape(user.email())
                        + " is now the address of " + HtmlPages.escape(user.username())
                        + ". You can close this page.</p>");
            } catch (Refused e) {
                HtmlPages.write(ctx, HttpErrors.status(e.code()), "This link does not work",
                        "<p>" + HtmlPages.escape(e.getMessage()) + ".</p><p>It works once and for a short time: ask "
                                + "the app for a new one, or type the code from the email.</p>");
            }
        });
        routes.post("/api/v1/auth/password-reset", ctx -> {
            PasswordReset r = HttpJson.read(ctx, PasswordReset.class);
            email.resetPassword(r.email(), r.code(), r.newPassword(), addresses.of(ctx));
            ctx.status(204);
        });
    }
}
