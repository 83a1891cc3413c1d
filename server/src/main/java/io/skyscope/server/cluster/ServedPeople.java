package io.skyscope.server.cluster;

import io.skyscope.server.world.JoinRequest;
import io.skyscope.server.world.SpaceCommand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who this node serves in which space, as they joined: kept from the joins and leaves its
 * sessions send, and read for the rosters it sends each space's owner every second.
 *
 * <p>Thread-safety: {@link #track} is called from session and HTTP threads, the rosters are read
 * on the cluster's period thread; concurrent maps, updated atomically per space.
 */
final class ServedPeople {
    /** spaceId → userId → how they joined. */
    private final Map<String, Map<String, JoinRequest>> members = new ConcurrentHashMap<>();

    /** Remembers a join, or forgets the person on a leave of their current session. */
    void track(String spaceId, SpaceCommand command) {
        switch (command) {
            case SpaceCommand.Join j -> members.computeIfAbsent(spaceId, id -> new ConcurrentHashMap<>())
                    .put(j.request().userId(), j.request());
            case SpaceCommand.Leave l -> members.computeIfPresent(spaceId, (id, people) -> {
                people.computeIfPresent(l.userId(), (user, join) ->
                        l.sessionId() == null || l.sessionId().equals(join.sessionId()) ? null : join);
                return people.isEmpty() ? null : people;
            });
            default -> {
            }
        }
    }

    /** The spaces this node serves someone in. */
    Set<String> spaceIds() {
        return members.keySet();
    }

    /** The people this node serves in a space, as they joined (empty if none). */
    List<JoinRequest> roster(String spaceId) {
        Map<String, JoinRequest> people = members.get(spaceId);
        return people == null ? List.of() : List.copyOf(people.values());
    }
}
