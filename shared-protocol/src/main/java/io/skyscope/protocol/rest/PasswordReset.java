package io.skyscope.protocol.rest;

/**
 * {@code POST /api/v1/auth/password-reset}: sets a new password with a code sent to the account's
 * verified address. Ends every sign-in of the account.
 */
public record PasswordReset(String email, String code, String newPassword) {
}
