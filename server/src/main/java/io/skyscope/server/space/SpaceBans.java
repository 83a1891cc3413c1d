package io.skyscope.server.space;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.server.Refused;

/**
 * Who is banned from which space. {@link WorldAdmission} refuses banned users; the moderation
 * rules (chat) keep the list. Implementations are thread-safe.
 */
public interface SpaceBans {
    /** No one is banned anywhere (for tests and tools that need no moderation). */
    SpaceBans NONE = (spaceId, userId) -> false;

    boolean isBanned(String spaceId, String userId);

    /** @throws Refused {@code banned} if the user is banned from the space */
    default void requireNotBanned(String spaceId, String userId) {
        if (isBanned(spaceId, userId)) {
            throw refusal();
        }
    }

    /** What a banned user is told, wherever they try to come back. */
    static Refused refusal() {
        return new Refused(ErrorCode.BANNED, "You are banned from this space");
    }
}
