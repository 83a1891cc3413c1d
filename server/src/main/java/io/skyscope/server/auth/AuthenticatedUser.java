package io.skyscope.server.auth;

/** Who a verified access token belongs to. Immutable; safe to hand between threads. */
public record AuthenticatedUser(String userId) {
}
