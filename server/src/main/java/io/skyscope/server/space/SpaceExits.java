package io.skyscope.server.space;

/**
 * Takes a user out of a space at once, wherever their connection is, when they lose the right to
 * be there: their membership was removed, or an admin kicked or banned them. Implementations must
 * not block (they are called on HTTP request threads after the change is stored).
 */
public interface SpaceExits {
    /** Why someone leaves; each has its own error code and close code. */
    enum Exit { REMOVED, KICKED, BANNED }

    void exit(String userId, String spaceId, Exit why);

    SpaceExits NONE = (userId, spaceId, why) -> { };
}
