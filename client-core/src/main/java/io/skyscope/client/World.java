package io.skyscope.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param lockedRooms the meeting rooms locked right now, by name: walls for a path finder
 * @param reactions   the latest reaction each person present showed above their avatar; draw it
 *                    while {@link AvatarReaction#showing} says so
 */
public record World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules,
                    Map<String, Person> people, JsonNode map, List<ChatMessage> chat, Set<String> lockedRooms,
                    Map<String, AvatarReaction> reactions) {

    public static final int CHAT_KEPT = 200;
    public static final World EMPTY = new World(null, null, null, Map.of());

    public World {
        people = Map.copyOf(people);
        chat = chat == null ? List.of() : List.copyOf(chat);
        lockedRooms = lockedRooms == null ? Set.of() : Set.copyOf(lockedRooms);
        reactions = reactions == null ? Map.of() : Map.copyOf(reactions);
    }

    public World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules, Map<String, Person> people,
                 JsonNode map, List<ChatMessage> chat) {
        this(me, space, rules, people, map, chat, Set.of(), Map.of());
    }

    public World(String me, ServerMessage.SpaceInfo space, ServerMessage.WorldRules rules, Map<String, Person> people) {
        this(me, space, rules, people, null, List.of());
    }

    /**
     * A reaction shown above an avatar: its short code ({@link io.skyscope.protocol.Reactions}) and
     * when it arrived (this machine's clock, millis since the epoch).
     */
    public record AvatarReaction(String emoji, long shownAtMillis) {
        /** Whether it is still shown at {@code nowMillis} ({@link io.skyscope.protocol.Reactions#SHOWN_SECONDS}). */
        public boolean showing(long nowMillis) {
            return nowMillis - shownAtMillis < io.skyscope.protocol.Reactions.SHOWN_SECONDS * 1000L;
        }
    }

    /** Whether the meeting room of this name is locked (a wall unless I am inside or let in). */
    public boolean isLocked(String room) {
        return lockedRooms.contains(room);
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
        Map<String, AvatarReaction> shown = reactions;
        if (!shown.isEmpty() && !newPeople.keySet().containsAll(shown.keySet())) {
            shown = new java.util.HashMap<>(shown);
            shown.keySet().retainAll(newPeople.keySet());
        }
        return new World(me, space, rules, newPeople, map, chat, lockedRooms, shown);
    }

    World withChat(List<ChatMessage> newChat) {
        return new World(me, space, rules, people, map, newChat, lockedRooms, reactions);
    }

    World withMap(JsonNode newMap) {
        return new World(me, space, rules, people, newMap, chat, lockedRooms, reactions);
    }

    World withLockedRooms(Set<String> rooms) {
        return new World(me, space, rules, people, map, chat, rooms, reactions);
    }

    World withReactions(Map<String, AvatarReaction> shown) {
        return new World(me, space, rules, people, map, chat, lockedRooms, shown);
    }
}
