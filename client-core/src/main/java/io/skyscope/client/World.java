package io.skyscope.client;

import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.Map;

/**
 * An immutable snapshot of the world as this client knows it: who I am, which space, and everyone
 * present with their last known position and status. Safe to read from any thread (a UI render
 * loop, a bot).
 *
 * @param me my user id, or null before the first welcome
 * @param space the space I am in, or null
 * @param people everyone present, by user id (me included)
 */
public record World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules,
                    Map<String, Person> people) {

    public static final World EMPTY = new World(null, null, null, Map.of());

    public World {
        people = Map.copyOf(people);
    }

    /** My own person, or null. */
    public Person self() {
        return me == null ? null : people.get(me);
    }

    public Person person(String userId) {
        return people.get(userId);
    }
}
