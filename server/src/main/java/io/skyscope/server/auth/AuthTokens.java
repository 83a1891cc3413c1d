package io.skyscope.server.auth;

/**
 * What a successful register, login or refresh gives the client: an access token (a JWT valid for
 * {@code expiresInSeconds}) and a single-use refresh token. Immutable. {@link #toString()} leaves
 * the tokens out, so logging one cannot leak them.
 */
public record AuthTokens(String userId, String username, String accessToken, String refreshToken,
                         long expiresInSeconds) {
    @Override
    public String toString() {
        return "AuthTokens[userId=" + userId + ", username=" + username + "]";
    }
}
