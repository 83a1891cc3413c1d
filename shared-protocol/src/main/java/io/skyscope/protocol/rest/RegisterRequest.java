package io.skyscope.protocol.rest;

/**
 * {@code POST /api/v1/auth/register}. {@code displayName} defaults to the username when null;
 * {@code inviteCode} is required only on a server in invite-only mode.
 */
public record RegisterRequest(String username, String password, String displayName, String inviteCode) {
}
