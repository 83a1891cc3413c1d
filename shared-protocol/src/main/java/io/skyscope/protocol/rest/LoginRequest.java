package io.skyscope.protocol.rest;

/** {@code POST /api/v1/auth/login}. The username is matched case-insensitively. */
public record LoginRequest(String username, String password) {
}
