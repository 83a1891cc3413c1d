package io.skyscope.protocol.rest;

/** Body of {@code DELETE /api/v1/me}: the password, to confirm. */
public record AccountDeletion(String password) {
}
