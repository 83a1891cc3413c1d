package io.skyscope.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the world as this client knows it: who I am, which space and map,
 * everyone present with their last known position and status, and the recent chat. Safe to read
 * from any thread (a UI render loop, a bot).
 *
 * @param me     my user id, or null before the first welcome
 * @param space  the space I am in, or null
 * @param people everyone present, by user id (me included)
 * @param map    the space's Tiled map (JSON) once loaded, else null
 * @param chat   the most recent chat messages received live, oldest first (at most {@link #CHAT_KEPT})
 */
public record World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules,
                    Map<String, Person> people, JsonNode map, List<ChatMessage> chat) {

    public static final int CHAT_KEPT = 200;
    public static final World EMPTY = new World(null, null, null, Map.of());

    public World {
        people = Map.copyOf(people);
        chat = chat == null ? List.of() : List.copyOf(chat);
    }

    public World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules, Map<String, Person> people) {
        this(me, space, rules, people, null, List.of());
    }

    /** My own person, or null. */
    public Person self() {
        return me == null ? null : people.get(me);
    }

    public Person person(String userId) {
        return people.get(userId);
    }

    /** Someone present by user id, user name shown, or display name; null if nobody matches. */
    public Person find(String who) {
        Person p = people.get(who);
        if (p != null) {
            return p;
        }
        return people.values().stream().filter(x -> who.equalsIgnoreCase(x.displayName())).findFirst().orElse(null);
    }

    World withPeople(Map<String, Person> newPeople) {
        return new World(me, space, rules, newPeople, map, chat);
    }
}
