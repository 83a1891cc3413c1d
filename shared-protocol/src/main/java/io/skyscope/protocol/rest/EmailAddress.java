package io.skyscope.protocol.rest;

/**
 * An email address: {@code POST /api/v1/me/email} (send a code to verify it),
 * {@code POST /api/v1/auth/email/code} (send a sign-in code) and
 * {@code POST /api/v1/auth/password-reset/code} (send a password-reset code).
 */
public record EmailAddress(String email) {
}
