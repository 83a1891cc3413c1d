package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The etiquette family of client messages: locking a meeting room, knocking, waving, and reactions
 * above your avatar. Listed in {@link ClientMessage}'s subtype list like every other message. Rooms
 * are named as the map names its meeting-room areas. Each is answered by {@code ack} when it
 * carries a {@code ref}, or by an {@code error} naming what was wrong.
 */
public sealed interface EtiquetteCommand extends ClientMessage {

    /** Lock a meeting room: you must be inside it, or an owner or admin of the space. */
    record Lock(@JsonProperty(required = true) String room, String ref) implements EtiquetteCommand {
        public Lock {
            Check.text("room", room, 1, Limits.MAX_ROOM_NAME);
            Check.ref(ref);
        }
    }

    /** Unlock a meeting room: you must be inside it, or an owner or admin of the space. */
    record Unlock(@JsonProperty(required = true) String room, String ref) implements EtiquetteCommand {
        public Unlock {
            Check.text("room", room, 1, Limits.MAX_ROOM_NAME);
            Check.ref(ref);
        }
    }

    /**
     * Knock on a locked meeting room you are outside of ({@code room}), or at someone in
     * do-not-disturb you stand beside ({@code userId}); exactly one of the two.
     */
    record Knock(String room, String userId, String ref) implements EtiquetteCommand {
        public Knock {
            Check.optionalText("room", room, Limits.MAX_ROOM_NAME);
            Check.optionalText("userId", userId, Limits.MAX_ID_LENGTH);
            if ((room == null) == (userId == null)) {
                throw new InvalidFieldException(room == null ? "room" : "userId",
                        "a knock names either a 'room' or a 'userId', not both and not neither");
            }
            Check.ref(ref);
        }
    }

    /** Let in ({@code admit = true}) or decline the knock of {@code knockerId} that reached you. */
    record KnockAnswer(@JsonProperty(required = true) String knockerId,
                       @JsonProperty(required = true) boolean admit,
                       String ref) implements EtiquetteCommand {
        public KnockAnswer {
            Check.text("knockerId", knockerId, 1, Limits.MAX_ID_LENGTH);
            Check.ref(ref);
        }
    }

    /** Wave at someone present anywhere in the space. */
    record Wave(@JsonProperty(required = true) String userId, String ref) implements EtiquetteCommand {
        public Wave {
            Check.text("userId", userId, 1, Limits.MAX_ID_LENGTH);
            Check.ref(ref);
        }
    }

    /** Show a reaction ({@link Reactions} short code) above your avatar for a few seconds. */
    record React(@JsonProperty(required = true) String emoji, String ref) implements EtiquetteCommand {
        public React {
            Reactions.check("emoji", emoji);
            Check.ref(ref);
        }
    }
}
