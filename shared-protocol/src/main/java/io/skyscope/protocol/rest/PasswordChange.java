package io.skyscope.protocol.rest;

/** {@code POST /api/v1/me/password}. Signs out every session of the account (refresh tokens). */
public record PasswordChange(String currentPassword, String newPassword) {
}
