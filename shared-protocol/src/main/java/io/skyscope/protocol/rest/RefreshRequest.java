package io.skyscope.protocol.rest;

/** {@code POST /api/v1/auth/refresh} and {@code POST /api/v1/auth/logout}. */
public record RefreshRequest(String refreshToken) {
}
