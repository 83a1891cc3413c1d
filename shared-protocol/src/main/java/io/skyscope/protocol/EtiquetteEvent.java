package io.skyscope.protocol;

/**
 * The etiquette family of server messages. Listed in {@link ServerMessage}'s subtype list like
 * every other message.
 */
public sealed interface EtiquetteEvent extends ServerMessage {

    /**
     * A meeting room was locked or unlocked; sent to everyone in the space. {@code byUserId} is who
     * did it, or null when the room unlocked by itself (the last person left).
     */
    record RoomLock(String room, boolean locked, String byUserId) implements EtiquetteEvent {
    }

    /**
     * Someone knocks: on the locked room you are in ({@code room} set), or at you while you are in
     * do-not-disturb ({@code room} null). Answer with {@code knock.answer}.
     */
    record Knock(String knockerId, String knockerName, String room) implements EtiquetteEvent {
    }

    /**
     * A knock was answered: sent to the knocker and to everyone the knock reached. {@code admitted}
     * true lets the knocker in: a room's door then opens for them once, for their next entry within
     * {@code passSeconds} (0 for a knock at a person).
     */
    record KnockAnswered(String knockerId, String room, boolean admitted, String byUserId, String byName,
                         int passSeconds) implements EtiquetteEvent {
    }

    /** {@code fromUserId} waves at you from where they stand ({@code area}: the named area there, or null). */
    record Wave(String fromUserId, String fromName, double x, double y, String area) implements EtiquetteEvent {
    }

    /** {@code userId} shows a reaction ({@link Reactions} short code) above their avatar for a few seconds. */
    record Reaction(String userId, String emoji) implements EtiquetteEvent {
    }
}
