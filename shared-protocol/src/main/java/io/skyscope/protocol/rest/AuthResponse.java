package io.skyscope.protocol.rest;

/**
 * Answer to register, login and refresh. The access token is a JWT for the {@code Authorization:
 * Bearer} header and the WebSocket; it expires after {@code expiresIn} seconds. The refresh token
 * is single-use: every refresh returns a new one, and presenting a used one signs the family out.
 */
public record AuthResponse(String userId, String username, String accessToken, String refreshToken, long expiresIn) {
}
