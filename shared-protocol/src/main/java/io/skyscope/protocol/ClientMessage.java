package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every frame a client sends. Each may carry a {@code ref}, echoed by the reply or error it causes.
 * The subtype list below must name every permitted record, including those of the families
 * (sealed sub-interfaces such as {@link ChatCommand}) permitted here; a test checks it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = ClientMessage.Move.class, name = "move"),
        @JsonSubTypes.Type(value = ClientMessage.StatusChange.class, name = "status"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ChatCommand.Send.class, name = "chat.send"),
        @JsonSubTypes.Type(value = ChatCommand.Edit.class, name = "chat.edit"),
        @JsonSubTypes.Type(value = ChatCommand.Delete.class, name = "chat.delete"),
        @JsonSubTypes.Type(value = ChatCommand.Typing.class, name = "chat.typing"),
        @JsonSubTypes.Type(value = ChatCommand.Read.class, name = "chat.read"),
})
public sealed interface ClientMessage permits ClientMessage.Join, ClientMessage.Leave, ClientMessage.Move,
        ClientMessage.StatusChange, ClientMessage.Ping, ChatCommand {

    String ref();

    /** Enter a space; answered by {@code welcome}. Joining another space leaves the current one. */
    record Join(@JsonProperty(required = true) String spaceId, String ref) implements ClientMessage {
        public Join {
            Check.text("spaceId", spaceId, 1, Limits.MAX_ID_LENGTH);
            Check.ref(ref);
        }
    }

    /** Leave the current space; answered by {@code ack}. */
    record Leave(String ref) implements ClientMessage {
        public Leave {
            Check.ref(ref);
        }
    }

    /** Walk to (x, y) in map pixels. {@code seq} increases per move; a correction names it. */
    record Move(@JsonProperty(required = true) double x,
                @JsonProperty(required = true) double y,
                @JsonProperty(required = true) long seq,
                String ref) implements ClientMessage {
        public Move {
            Check.coordinate("x", x);
            Check.coordinate("y", y);
            Check.nonNegative("seq", seq);
            Check.ref(ref);
        }
    }

    /** Set my status and its text; answered by {@code ack}. */
    record StatusChange(@JsonProperty(required = true) Status status, String text, String ref)
            implements ClientMessage {
        public StatusChange {
            Check.required("status", status);
            Check.optionalText("text", text, Limits.MAX_STATUS_TEXT);
            Check.ref(ref);
        }
    }

    /** Round-trip probe; answered by {@code pong} with the server's clock. */
    record Ping(String ref) implements ClientMessage {
        public Ping {
            Check.ref(ref);
        }
    }
}
