package io.skyscope.protocol.rest;

/**
 * The answer to {@link SsoStart}: the identity provider's page to open in the browser, and the
 * state the browser will bring back (the client checks it before handing the code on).
 *
 * @param expiresIn seconds the sign-in may take before the state expires
 */
public record SsoAuthorization(String authorizationUrl, String state, long expiresIn) {
}
