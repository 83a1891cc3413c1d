package io.skyscope.server.auth;

import java.time.Instant;

/**
 * Who a verified access token belongs to, and what binds it: the account's token generation when
 * it was issued (a password change or "sign out everywhere" raises it, which ends every older
 * token), the sign-in it belongs to ({@code sessionId}, the refresh-token family; null for tokens
 * made outside a sign-in), when it expires, and for a guest the one space the token is good for
 * ({@code guestSpaceId}, null for members). Immutable; safe to hand between threads.
 */
public record AuthenticatedUser(String userId, long generation, String sessionId, Instant expiresAt,
                                String guestSpaceId) {
    /** A member's token. */
    public AuthenticatedUser(String userId, long generation, String sessionId, Instant expiresAt) {
        this(userId, generation, sessionId, expiresAt, null);
    }

    /** Whether this is a guest's token (limited to {@link #guestSpaceId}). */
    public boolean guest() {
        return guestSpaceId != null;
    }
}
