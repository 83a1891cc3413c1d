package io.skyscope.server.world;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches the one owner of a space, wherever it runs: on this node ({@link SpaceOwners}, a single
 * node) or on whichever node holds the space's lease ({@code cluster.ClusterSpaces}). Handlers
 * talk to spaces only through this. Thread-safe: called from session and HTTP threads.
 */
public interface SpaceDirectory {

    /**
     * Hands a command to the space's owner, starting one if none runs. False if it could not be
     * queued (a full mailbox). Throws {@code Refused.notFound} if there is no such space and
     * {@code Refused.unavailable} if the owner cannot be reached right now.
     */
    boolean submit(String spaceId, SpaceCommand command);

    /** Hands a command to the space's owner if one runs (a leave, a settings change); else nothing to do. */
    void submitIfRunning(String spaceId, SpaceCommand command);

    /** Asks the space's owner who is there; an empty list if no owner runs. */
    CompletableFuture<List<String>> people(String spaceId, PeopleQuery query);
}
