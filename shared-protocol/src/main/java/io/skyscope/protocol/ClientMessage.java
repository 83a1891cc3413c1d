package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Every frame a client sends. Each may carry a {@code ref}, echoed by the reply or error it causes.
 * The subtype list below must name every record of the hierarchy, including those of nested
 * families such as {@link VoiceCommand} (a test checks it).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
        @JsonSubTypes.Type(value = ClientMessage.Move.class, name = "move"),
        @JsonSubTypes.Type(value = ClientMessage.StatusChange.class, name = "status"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ClientMessage.Auth.class, name = "auth"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.VoiceState.class, name = "voice.state"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.StageSpeaker.class, name = "stage.speaker"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.WarmLinks.class, name = "voice.warmlinks"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.MegaphoneOn.class, name = "megaphone.on"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.MegaphoneOff.class, name = "megaphone.off"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.StageHand.class, name = "stage.hand"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.StageHands.class, name = "stage.hands"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.MediaVideoPublish.class, name = "media.video.publish"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.MediaVideoUnpublish.class, name = "media.video.unpublish"),
        @JsonSubTypes.Type(value = ClientMessage.VoiceCommand.MediaVideoAnswer.class, name = "media.video.answer"),
        @JsonSubTypes.Type(value = ChatCommand.Send.class, name = "chat.send"),
        @JsonSubTypes.Type(value = ChatCommand.Edit.class, name = "chat.edit"),
        @JsonSubTypes.Type(value = ChatCommand.Delete.class, name = "chat.delete"),
        @JsonSubTypes.Type(value = ChatCommand.Typing.class, name = "chat.typing"),
        @JsonSubTypes.Type(value = ChatCommand.Read.class, name = "chat.read"),
        @JsonSubTypes.Type(value = ChatCommand.React.class, name = "chat.react"),
        @JsonSubTypes.Type(value = EtiquetteCommand.Lock.class, name = "room.lock"),
        @JsonSubTypes.Type(value = EtiquetteCommand.Unlock.class, name = "room.unlock"),
        @JsonSubTypes.Type(value = EtiquetteCommand.Knock.class, name = "knock"),
        @JsonSubTypes.Type(value = EtiquetteCommand.KnockAnswer.class, name = "knock.answer"),
        @JsonSubTypes.Type(value = EtiquetteCommand.Wave.class, name = "wave"),
        @JsonSubTypes.Type(value = EtiquetteCommand.React.class, name = "react"),
        @JsonSubTypes.Type(value = NotesCommand.Open.class, name = "notes.open"),
        @JsonSubTypes.Type(value = NotesCommand.Update.class, name = "notes.update"),
        @JsonSubTypes.Type(value = NotesCommand.Cursor.class, name = "notes.cursor"),
        @JsonSubTypes.Type(value = NotesCommand.Close.class, name = "notes.close"),
        @JsonSubTypes.Type(value = NotesCommand.Versions.class, name = "notes.versions"),
        @JsonSubTypes.Type(value = NotesCommand.Restore.class, name = "notes.restore"),
        @JsonSubTypes.Type(value = DeskCommand.ListDesks.class, name = "desk.list"),
        @JsonSubTypes.Type(value = DeskCommand.Claim.class, name = "desk.claim"),
        @JsonSubTypes.Type(value = DeskCommand.Free.class, name = "desk.free"),
        @JsonSubTypes.Type(value = DeskCommand.Assign.class, name = "desk.assign"),
        @JsonSubTypes.Type(value = DeskCommand.Note.class, name = "desk.note"),
        @JsonSubTypes.Type(value = DeskCommand.NotesRead.class, name = "desk.notes.read"),
        @JsonSubTypes.Type(value = DeskCommand.Settings.class, name = "desk.settings"),
})
public sealed interface ClientMessage permits ClientMessage.Join, ClientMessage.Leave, ClientMessage.Move,
        ClientMessage.StatusChange, ClientMessage.Ping, ClientMessage.Auth, ClientMessage.VoiceCommand, ChatCommand,
        EtiquetteCommand, NotesCommand, DeskCommand {

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

    /**
     * A fresh access token for this connection (of the same account), sent before the one it
     * opened with expires; answered by {@code ack}. Without it the server closes the connection
     * with 4004 when the token expires.
     */
    record Auth(@JsonProperty(required = true) String token, String ref) implements ClientMessage {
        public Auth {
            Check.text("token", token, 1, Limits.MAX_TOKEN_LENGTH);
            Check.ref(ref);
        }

        @Override
        public String toString() {
            return "Auth[ref=" + ref + "]";
        }
    }

    /** The voice family: WebRTC signalling, mute and speaking flags, stage speakers and raised hands. */
    sealed interface VoiceCommand extends ClientMessage {

        /**
         * Relays a WebRTC {@code payload} (an SDP offer or answer, or an ICE candidate; any JSON
         * object up to {@link Limits#MAX_SIGNAL_PAYLOAD_BYTES} encoded) to {@code to}, who must be in
         * the sender's voice set right now. No reply unless refused.
         */
        record Signal(@JsonProperty(required = true) String to,
                      @JsonProperty(required = true) JsonNode payload,
                      String ref) implements VoiceCommand {
            public Signal {
                Check.text("to", to, 1, Limits.MAX_ID_LENGTH);
                Check.required("payload", payload);
                payload = endOfCandidatesAsOneForm(payload);
                if (!payload.isObject()) {
                    throw new InvalidFieldException("payload", "'payload' must be a JSON object");
                }
                int size = payload.toString().getBytes(StandardCharsets.UTF_8).length;
                if (size > Limits.MAX_SIGNAL_PAYLOAD_BYTES) {
                    throw new InvalidFieldException("payload", "'payload' is " + size + " bytes encoded; at most "
                            + Limits.MAX_SIGNAL_PAYLOAD_BYTES + " are relayed");
                }
                Check.ref(ref);
            }

            /**
             * The end of a peer's ICE candidates comes in three shapes: a browser's null candidate
             * sent as it is ({@code "payload": null}), {@code {"candidate": null}}, and the
             * standard empty candidate {@code {"candidate": ""}} (Firefox's form). All three are
             * relayed as the last one, with any {@code sdpMid}/{@code sdpMLineIndex} kept.
             */
            private static JsonNode endOfCandidatesAsOneForm(JsonNode payload) {
                if (payload.isNull()) {
                    return JsonNodeFactory.instance.objectNode().put("candidate", "");
                }
                if (payload.isObject() && payload.has("candidate") && payload.get("candidate").isNull()) {
                    return ((ObjectNode) payload).deepCopy().put("candidate", "");
                }
                return payload;
            }
        }

        /**
         * My microphone is muted, and/or I am speaking now, my camera is on, I am sharing my
         * screen; shown to people near me. {@code camera} and {@code screen} default to false.
         */
        record VoiceState(@JsonProperty(required = true) boolean muted,
                          @JsonProperty(required = true) boolean speaking,
                          // Left out (a client from before video): false, not a missing primitive.
                          @JsonSetter(nulls = Nulls.AS_EMPTY) boolean camera,
                          @JsonSetter(nulls = Nulls.AS_EMPTY) boolean screen,
                          String ref) implements VoiceCommand {
            /** Voice flags only: camera and screen off. */
            public VoiceState(boolean muted, boolean speaking, String ref) {
                this(muted, speaking, false, false, ref);
            }

            public VoiceState {
                Check.ref(ref);
            }
        }

        /**
         * Grants ({@code speaker = true}) or revokes the speaker role on the space's stages;
         * space owners and admins only. Answered by {@code ack}.
         */
        record StageSpeaker(@JsonProperty(required = true) String userId,
                            @JsonProperty(required = true) boolean speaker,
                            String ref) implements VoiceCommand {
            public StageSpeaker {
                Check.text("userId", userId, 1, Limits.MAX_ID_LENGTH);
                Check.ref(ref);
            }
        }

        /**
         * My client makes warm links ({@code on}: set up connections with {@code voice.warm},
         * audio only once {@code voice.join} says so) or stops. Either way my warm links end (a
         * {@code voice.cool} each) and, with {@code on}, start afresh from where people stand.
         * Sent after each {@code welcome}; the server names no warm link to a client that did not.
         * Answered by {@code ack} if it carries a ref.
         */
        record WarmLinks(@JsonProperty(required = true) boolean on, String ref) implements VoiceCommand {
            public WarmLinks {
                Check.ref(ref);
            }
        }

        /**
         * I speak to everyone in the space, wherever they stand, through the media server (another
         * owner's or admin's megaphone passes to me); space owners and admins only. Answered by {@code ack}.
         */
        record MegaphoneOn(String ref) implements VoiceCommand {
            public MegaphoneOn {
                Check.ref(ref);
            }
        }

        /**
         * Raises ({@code raised = true}) or lowers my hand in a stage's audience: asks its owner or
         * an admin for the floor. Only someone listening to a stage may raise a hand; answered by
         * {@code ack}, rate limited.
         */
        record StageHand(@JsonProperty(required = true) boolean raised, String ref) implements VoiceCommand {
            public StageHand {
                Check.ref(ref);
            }
        }

        /** The megaphone stops: its holder, or a space owner or admin. Answered by {@code ack}. */
        record MegaphoneOff(String ref) implements VoiceCommand {
            public MegaphoneOff {
                Check.ref(ref);
            }
        }

        /**
         * Space owners and admins: answered with {@code stage.hands} (the hands raised now), and
         * each change is sent as {@code stage.hand} while I stay in the space.
         */
        record StageHands(String ref) implements VoiceCommand {
            public StageHands {
                Check.ref(ref);
            }
        }

        /**
         * My camera and/or screen for the mixed meeting room whose media room is {@code room} (the
         * {@code room} of my {@code media.join}): a WebRTC offer of one video section per entry of
         * {@code kinds} ({@code camera}, {@code screen}), in that order, that the server hands to
         * the media server's SFU on my behalf. Answered by {@code media.video.published}; refused
         * unless I am in that room's mix.
         */
        record MediaVideoPublish(@JsonProperty(required = true) long room,
                                 @JsonProperty(required = true) String sdp,
                                 @JsonProperty(required = true) List<String> kinds,
                                 String ref) implements VoiceCommand {
            public MediaVideoPublish {
                Check.nonNegative("room", room);
                Check.sdp(sdp);
                Check.required("kinds", kinds);
                if (kinds.isEmpty() || kinds.size() > 2 || !Set.of("camera", "screen").containsAll(kinds)
                        || kinds.stream().distinct().count() != kinds.size()) {
                    throw new InvalidFieldException("kinds", "'kinds' must name camera, screen or both, once each");
                }
                kinds = List.copyOf(kinds);
                Check.ref(ref);
            }
        }

        /** My camera and screen leave the mixed room's SFU (both turned off). Answered by {@code ack}. */
        record MediaVideoUnpublish(@JsonProperty(required = true) long room, String ref) implements VoiceCommand {
            public MediaVideoUnpublish {
                Check.nonNegative("room", room);
                Check.ref(ref);
            }
        }

        /** My answer to the server's latest {@code media.video.offer} for {@code room}. */
        record MediaVideoAnswer(@JsonProperty(required = true) long room,
                                @JsonProperty(required = true) String sdp,
                                String ref) implements VoiceCommand {
            public MediaVideoAnswer {
                Check.nonNegative("room", room);
                Check.sdp(sdp);
                Check.ref(ref);
            }
        }
    }
}
