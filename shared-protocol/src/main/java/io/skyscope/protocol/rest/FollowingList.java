package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code GET /api/v1/me/following}: the people you follow, most recently followed first, and
 * where each is now. A space you may not see is never named: such a person shows as online with no
 * space.
 */
public record FollowingList(List<Followed> people) {
    public FollowingList {
        people = people == null ? List.of() : List.copyOf(people);
    }

    /**
     * One person you follow.
     *
     * @param online    connected now
     * @param spaceId   the space they are in, if you may see it (Go to); else null
     * @param spaceName that space's name
     * @param area      the named map area they stand in (a meeting room, a stage…), or null
     * @param x         where they stand in that space (Locate), or null when unknown
     * @param y         likewise
     */
    public record Followed(String userId, String displayName, String avatar, String photo, boolean online,
                           String spaceId, String spaceName, String area, Double x, Double y) {
    }
}
