package io.skyscope.protocol.rest;

/**
 * {@code GET /api/v1/auth/options}: which ways in a server offers, so a client shows only those.
 *
 * @param passwordSignIn       username and password sign-in is on (off on an SSO-only server, where
 *                             only server admins may still use it)
 * @param passwordRegistration registering with a username and password is on
 * @param emailCode            one-time codes by email are on (the server has SMTP)
 * @param sso                  the label of the single sign-on button ("Sign in with Acme"), or null
 *                             when single sign-on is not configured
 * @param registration         {@code open} or {@code invite} (an invite code is needed for a new account)
 */
public record AuthOptions(boolean passwordSignIn, boolean passwordRegistration, boolean emailCode, String sso,
                          String registration) {
}
