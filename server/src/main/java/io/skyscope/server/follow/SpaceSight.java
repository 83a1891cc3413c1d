package io.skyscope.server.follow;

import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Memberships.Membership;
import io.skyscope.server.store.Spaces.Space;
import io.skyscope.server.store.Users;
import io.skyscope.server.store.Users.User;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a follower may know. Whether someone may see a space, the rule of
 * {@code GET /api/v1/spaces/{spaceId}}: a public space, one they are a member of, or any space for a
 * server admin; a follower learns of a followed person's space only under this rule. And who shares
 * a space with whom, the rule of a profile card: a follower hears of and lists only the people
 * whose card they may still see. Stateless and thread-safe.
 */
final class SpaceSight {
    private final Memberships memberships;
    private final Users users;

    SpaceSight(Memberships memberships, Users users) {
        this.memberships = memberships;
        this.users = users;
    }

    /** Those among {@code others} who share a space with {@code userId}. */
    Set<String> sharingASpace(String userId, Collection<String> others) {
        Set<String> mine = memberships.ofUser(userId).stream().map(Membership::spaceId).collect(Collectors.toSet());
        Set<String> sharing = new HashSet<>();
        for (Membership m : memberships.ofUsers(others)) {
            if (mine.contains(m.spaceId())) {
                sharing.add(m.userId());
            }
        }
        return sharing;
    }

    boolean maySee(String userId, Space space) {
        return space.isPublic() || memberships.find(space.id(), userId).isPresent()
                || users.findById(userId).map(User::serverAdmin).orElse(false);
    }
}
