package io.skyscope.protocol.rest;

/**
 * {@code POST /api/v1/auth/sso/start}: begins a single sign-on.
 *
 * @param redirectUri   where the browser comes back: the client's loopback listener,
 *                      {@code http://127.0.0.1:<port>/<path>}
 * @param codeChallenge the PKCE challenge, BASE64URL(SHA-256(verifier)) without padding; the verifier
 *                      stays with the client until {@link SsoFinish}
 * @param inviteCode    a space invite, needed for a new account on an invite-only server; may be null
 */
public record SsoStart(String redirectUri, String codeChallenge, String inviteCode) {
}
