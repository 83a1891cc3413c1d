package io.skyscope.server.space;

/**
 * Who is banned from which space. {@link WorldAdmission} refuses banned users; the moderation
 * rules (chat) keep the list. Implementations are thread-safe.
 */
public interface SpaceBans {
    /** No one is banned anywhere (for tests and tools that need no moderation). */
    SpaceBans NONE = (spaceId, userId) -> false;

    boolean isBanned(String spaceId, String userId);
}
