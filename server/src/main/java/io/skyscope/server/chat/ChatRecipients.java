package io.skyscope.server.chat;

import io.skyscope.server.Refused;
import io.skyscope.server.world.PeopleQuery;
import io.skyscope.server.world.SpaceDirectory;
import io.skyscope.server.world.SpaceState;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who is in a space right now, asked of the space's owner (on this node or another), so the
 * answer uses the same positions and spatial index as presence. Who hears whom: {@link PeopleQuery}.
 *
 * <p>Thread-safe; called on session threads, blocks until the owner answers (bounded).
 */
public final class ChatRecipients {
    private static final long ASK_TIMEOUT_MS = 5_000;

    private final SpaceDirectory spaces;

    public ChatRecipients(SpaceDirectory spaces) {
        this.spaces = spaces;
    }

    /** Everyone present in the space (desks ask this too). */
    public List<String> present(String spaceId) {
        return ask(spaceId, PeopleQuery.present());
    }

    /** Who hears the user in the space right now, the user included. */
    List<String> nearby(String spaceId, String userId) {
        return ask(spaceId, PeopleQuery.nearby(userId));
    }

    /** The people standing in the space's meeting room called {@code room} right now (the rooms' notes ask this too). */
    public List<String> inMeetingRoom(String spaceId, String room) {
        return ask(spaceId, PeopleQuery.room(room));
    }

    static List<String> nearby(SpaceState state, String userId, double radius) {
        return PeopleQuery.nearby(state, userId, radius);
    }

    private List<String> ask(String spaceId, PeopleQuery query) {
        try {
            return spaces.people(spaceId, query).get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refused.unavailable("interrupted");
        } catch (ExecutionException e) {
            // The owner stopped between the lookup and the question: nobody is there.
            return query.nobody();
        } catch (TimeoutException e) {
            throw Refused.unavailable("space " + spaceId + " is busy; try again");
        }
    }
}
