package io.skyscope.protocol.rest;

/**
 * {@code POST /api/v1/auth/sso/finish}: the {@code code} and {@code state} the identity provider sent to
 * the loopback listener, and the PKCE verifier whose challenge went with {@link SsoStart}.
 */
public record SsoFinish(String state, String code, String codeVerifier) {
}
