package io.skyscope.protocol;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Every frame the server sends. The subtype list below must name every permitted record,
 * including those of the families (sealed sub-interfaces such as {@link ChatEvent}) permitted
 * here; a test checks it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
        @JsonSubTypes.Type(value = ServerMessage.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = ServerMessage.Correction.class, name = "move.correction"),
        @JsonSubTypes.Type(value = ServerMessage.PresenceUpdate.class, name = "presence.update"),
        @JsonSubTypes.Type(value = ServerMessage.MapChanged.class, name = "map.changed"),
        @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceJoin.class, name = "voice.join"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceLeave.class, name = "voice.leave"),
        @JsonSubTypes.Type(value = ServerMessage.Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceState.class, name = "voice.state"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceVideo.class, name = "voice.video"),
        @JsonSubTypes.Type(value = ServerMessage.StageSpeaker.class, name = "stage.speaker"),
        @JsonSubTypes.Type(value = ServerMessage.MediaJoin.class, name = "media.join"),
        @JsonSubTypes.Type(value = ServerMessage.MediaLeave.class, name = "media.leave"),
        @JsonSubTypes.Type(value = ServerMessage.MediaVideoPublished.class, name = "media.video.published"),
        @JsonSubTypes.Type(value = ServerMessage.MediaVideoOffer.class, name = "media.video.offer"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceWarm.class, name = "voice.warm"),
        @JsonSubTypes.Type(value = ServerMessage.VoiceCool.class, name = "voice.cool"),
        @JsonSubTypes.Type(value = ServerMessage.Megaphone.class, name = "megaphone"),
        @JsonSubTypes.Type(value = ServerMessage.StageHand.class, name = "stage.hand"),
        @JsonSubTypes.Type(value = ServerMessage.StageHands.class, name = "stage.hands"),
        @JsonSubTypes.Type(value = ChatEvent.Ack.class, name = "chat.ack"),
        @JsonSubTypes.Type(value = ChatEvent.Message.class, name = "chat.message"),
        @JsonSubTypes.Type(value = ChatEvent.Updated.class, name = "chat.updated"),
        @JsonSubTypes.Type(value = ChatEvent.Typing.class, name = "chat.typing"),
        @JsonSubTypes.Type(value = ChatEvent.Unread.class, name = "chat.unread"),
        @JsonSubTypes.Type(value = ChatEvent.Notification.class, name = "notification"),
        @JsonSubTypes.Type(value = ChatEvent.Reactions.class, name = "chat.reactions"),
        @JsonSubTypes.Type(value = EtiquetteEvent.RoomLock.class, name = "room.lock"),
        @JsonSubTypes.Type(value = EtiquetteEvent.Knock.class, name = "knock"),
        @JsonSubTypes.Type(value = EtiquetteEvent.KnockAnswered.class, name = "knock.answered"),
        @JsonSubTypes.Type(value = EtiquetteEvent.Wave.class, name = "wave"),
        @JsonSubTypes.Type(value = EtiquetteEvent.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = NotesEvent.State.class, name = "notes.state"),
        @JsonSubTypes.Type(value = NotesEvent.Update.class, name = "notes.update"),
        @JsonSubTypes.Type(value = NotesEvent.Cursor.class, name = "notes.cursor"),
        @JsonSubTypes.Type(value = NotesEvent.Closed.class, name = "notes.closed"),
        @JsonSubTypes.Type(value = NotesEvent.Versions.class, name = "notes.versions"),
        @JsonSubTypes.Type(value = DeskEvent.Desks.class, name = "desks"),
        @JsonSubTypes.Type(value = DeskEvent.Changed.class, name = "desk.changed"),
})
public sealed interface ServerMessage permits ServerMessage.Welcome, ServerMessage.Error, ServerMessage.Ack,
        ServerMessage.Correction, ServerMessage.PresenceUpdate, ServerMessage.MapChanged, ServerMessage.Pong,
        ServerMessage.VoiceJoin, ServerMessage.VoiceLeave, ServerMessage.Signal, ServerMessage.VoiceState,
        ServerMessage.VoiceVideo, ServerMessage.StageSpeaker, ServerMessage.MediaJoin, ServerMessage.MediaLeave,
        ServerMessage.MediaVideoPublished, ServerMessage.MediaVideoOffer,
        ServerMessage.VoiceWarm, ServerMessage.VoiceCool,
        ServerMessage.Megaphone,
        ServerMessage.StageHand, ServerMessage.StageHands,
        ChatEvent, EtiquetteEvent, NotesEvent, DeskEvent {

    /** The space as a client needs it to load its map: {@code GET /api/v1/maps/{mapId}?version=}. */
    record SpaceInfo(String id, String name, String mapId, int mapVersion) {
    }

    /**
     * Tuning the client should follow: how often positions arrive, how far it sees others move,
     * how fast it may walk.
     */
    record WorldRules(int tickMillis, double interestRadius, double maxSpeed, long idleAwaySeconds) {
    }

    /**
     * A STUN or TURN server for WebRTC, in the shape of the browser's {@code RTCIceServer}. TURN
     * entries carry a {@code username} and {@code credential} that expire (the TURN REST API
     * scheme); STUN entries carry neither.
     */
    record IceServer(List<String> urls, String username, String credential) {
        public IceServer {
            urls = List.copyOf(urls);
        }
    }

    /**
     * Answer to {@code join}: who you are, where you are, everyone present, and the ICE servers to
     * use for voice (empty: only host candidates, i.e. a local network), and how positions arrive
     * ({@link PresenceEncoding}), and which meeting rooms are locked ({@code lockedRooms}: walls
     * for a path finder until a {@code room.lock} says otherwise).
     */
    record Welcome(String ref, int protocolVersion, Person you, SpaceInfo space, WorldRules rules,
                   List<Person> people, long serverTime, List<IceServer> iceServers,
                   PresenceEncoding presence, List<String> lockedRooms) implements ServerMessage {
        public Welcome {
            iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
            presence = presence == null ? PresenceEncoding.JSON : presence;
            lockedRooms = lockedRooms == null ? List.of() : List.copyOf(lockedRooms);
        }

        /** A welcome with no room locked. */
        public Welcome(String ref, int protocolVersion, Person you, SpaceInfo space, WorldRules rules,
                       List<Person> people, long serverTime, List<IceServer> iceServers, PresenceEncoding presence) {
            this(ref, protocolVersion, you, space, rules, people, serverTime, iceServers, presence, List.of());
        }
    }

    /**
     * Something a client sent was refused. {@code code} is machine-readable, {@code message} says
     * what was wrong, {@code field} names the offending field where there is one.
     */
    record Error(String code, String message, String ref, String field, Long retryAfterMs)
            implements ServerMessage {
        public static Error of(String code, String message, String ref) {
            return new Error(code, message, ref, null, null);
        }

        public static Error of(ErrorCode code, String message, String ref) {
            return new Error(code.wire(), message, ref, null, null);
        }
    }

    /** A request without another reply (status, leave) was carried out. */
    record Ack(String ref, String of) implements ServerMessage {
    }

    /**
     * A move was refused; the server's position is where you are. Moves sent after {@code seq}
     * that the server has not yet seen may be re-sent from here.
     */
    record Correction(long seq, double x, double y, String reason, String message)
            implements ServerMessage {
    }

    /** A position seen within your area of interest. */
    record Moved(String userId, double x, double y) {
    }

    /**
     * A status or profile change of someone present; {@code photo} is their photo's version now
     * (null: none), so a client reloads the photo when it differs from the one it has.
     */
    record Changed(String userId, String displayName, String avatar, Status status, String statusText,
                   String photo) {
        /** A change of someone without a profile photo. */
        public Changed(String userId, String displayName, String avatar, Status status, String statusText) {
            this(userId, displayName, avatar, status, statusText, null);
        }
    }

    /**
     * Batched world changes since the previous tick (about ten a second). {@code joined},
     * {@code left} and {@code changed} go to everyone in the space; {@code moved} only carries
     * people inside your area of interest (and those who just came into it).
     */
    record PresenceUpdate(List<Person> joined, List<String> left, List<Moved> moved,
                          List<Changed> changed) implements ServerMessage {
        public PresenceUpdate {
            joined = joined == null ? List.of() : List.copyOf(joined);
            left = left == null ? List.of() : List.copyOf(left);
            moved = moved == null ? List.of() : List.copyOf(moved);
            changed = changed == null ? List.of() : List.copyOf(changed);
        }

        public boolean isEmpty() {
            return joined.isEmpty() && left.isEmpty() && moved.isEmpty() && changed.isEmpty();
        }
    }

    /** The space's map was replaced; fetch the new version over REST. Positions may be corrected. */
    record MapChanged(String spaceId, String mapId, int mapVersion) implements ServerMessage {
    }

    /** Answer to {@code ping}. */
    record Pong(String ref, long serverTime) implements ServerMessage {
    }

    /**
     * {@code peerId} entered your voice set: set up a WebRTC connection with them. Exactly one
     * side gets {@code offerer = true} and sends the offer. {@code reason} is {@code proximity},
     * {@code room} or {@code stage}; {@code direction} is the media direction from your side:
     * {@code sendrecv}, or on a stage {@code sendonly} for the speaker and {@code recvonly} for a
     * listener.
     */
    record VoiceJoin(String peerId, boolean offerer, String reason, String direction) implements ServerMessage {
    }

    /** {@code peerId} left your voice set: close the connection with them. */
    record VoiceLeave(String peerId, String reason) implements ServerMessage {
    }

    /**
     * {@code peerId} is near (a warm link; only to a client that sent {@code voice.warmlinks}): set
     * up the connection now, audio off both ways (no RTP at all), {@code offerer} as for
     * {@code voice.join}. A {@code voice.join} for them then turns audio on over it; after its
     * {@code voice.leave}, while they stay warm, both sides set up a fresh warm connection.
     */
    record VoiceWarm(String peerId, boolean offerer) implements ServerMessage {
    }

    /** {@code peerId} is no longer warm: close the connection unless they are in your voice set. */
    record VoiceCool(String peerId) implements ServerMessage {
    }

    /** A WebRTC payload relayed from {@code from}, as that peer sent it. */
    record Signal(String from, JsonNode payload) implements ServerMessage {
    }

    /**
     * Someone near you muted or unmuted, started or stopped speaking, turned their camera on or
     * off, or started or stopped sharing their screen.
     */
    record VoiceState(String userId, boolean muted, boolean speaking,
                      // Left out (a server from before video): false, not a missing primitive.
                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean camera,
                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean screen)
            implements ServerMessage {
        /** Voice flags only: camera and screen off. */
        public VoiceState(String userId, boolean muted, boolean speaking) {
            this(userId, muted, speaking, false, false);
        }
    }

    /**
     * Whose camera travels on a link of your voice set, as the server decides it: {@code send}, put
     * your camera on your link to {@code peerId} (you are among the nearest people whose video they
     * receive); {@code receive}, {@code peerId} puts theirs on the link to you. Both are false for a
     * link until a {@code voice.video} says otherwise; sent when either changes. Screen shares go to
     * your whole voice set (links both ways) and are not governed by it.
     */
    record VoiceVideo(String peerId, boolean send, boolean receive) implements ServerMessage {
    }

    /** {@code userId} was given ({@code speaker = true}) or lost the speaker role on this space's stages. */
    record StageSpeaker(String userId, boolean speaker) implements ServerMessage {
    }

    /**
     * Join a room on the media server (Janus's AudioBridge): the stage {@code stage}, or the meeting
     * room {@code meetingRoom} (of more people than its mesh size), reaches you through its mix; the
     * other of the two is null. {@code url} is Janus's HTTP API; {@code token} the signed Janus
     * token for it (the AudioBridge only, until {@code expires}, Unix seconds); {@code room} the
     * room, to be joined as participant {@code participant} with the room's join token
     * {@code roomToken}. {@code speaker}: join unmuted; else muted (the server unmutes you when you
     * get the floor, without a new connection). Everyone in a meeting room's mix is a speaker.
     */
    record MediaJoin(String url, String token, long expires, long room, long participant, String roomToken,
                     String stage, boolean speaker, String meetingRoom) implements ServerMessage {
        /** A stage's room. */
        public MediaJoin(String url, String token, long expires, long room, long participant, String roomToken,
                         String stage, boolean speaker) {
            this(url, token, expires, room, participant, roomToken, stage, speaker, null);
        }

        /** The stage's or the meeting room's name. */
        public String area() {
            return stage != null ? stage : meetingRoom;
        }
    }

    /**
     * Leave the media room {@code room} of the stage {@code stage} or the meeting room
     * {@code meetingRoom} (you left the stage's audience or the room, the meeting room is back on
     * direct links, or the room is gone).
     */
    record MediaLeave(long room, String stage, String reason, String meetingRoom) implements ServerMessage {
        /** A stage's room. */
        public MediaLeave(long room, String stage, String reason) {
            this(room, stage, reason, null);
        }
    }

    /**
     * The media server's answer to my {@code media.video.publish} for the mixed meeting room whose
     * media room is {@code room}: my camera and screen go to its SFU once the connection is up.
     */
    record MediaVideoPublished(long room, String sdp) implements ServerMessage {
    }

    /**
     * The pictures of the others in the mixed meeting room whose media room is {@code room}, from
     * the media server's SFU: its offer (the first, or a renegotiation when someone starts or stops
     * publishing), to be answered with {@code media.video.answer}. {@code streams} says whose
     * picture each media section ({@code mid}) carries and which ({@code camera} or {@code screen});
     * a section not listed carries nothing. {@code fresh}: the offer of a new subscription (the first,
     * or one the server made after the last one's connection failed), to be answered on a new
     * connection; else a renegotiation of the current one.
     */
    record MediaVideoOffer(long room, String sdp, List<Stream> streams, boolean fresh) implements ServerMessage {
        public MediaVideoOffer {
            streams = List.copyOf(streams);
        }

        /** The section {@code mid} carries {@code userId}'s {@code kind} ({@code camera} or {@code screen}). */
        public record Stream(String mid, String userId, String kind) {
        }
    }

    /**
     * {@code userId} raised ({@code raised}) or lowered their hand in the audience of {@code stage}.
     * Sent to the owners and admins who asked with {@code stage.hands}, and to the person; a hand
     * is lowered by its owner, or by the server when they get the floor or leave the audience.
     */
    record StageHand(String userId, String stage, boolean raised) implements ServerMessage {
    }

    /** The hands raised now, first raised first: the answer to {@code stage.hands}. */
    record StageHands(List<Hand> hands) implements ServerMessage {
        public StageHands {
            hands = List.copyOf(hands);
        }

        /** {@code userId}'s hand is up in the audience of {@code stage}. */
        public record Hand(String userId, String stage) {
        }
    }

    /**
     * {@code userId} speaks to the whole space through the megaphone ({@code on}), or stopped.
     * Sent to everyone present when it changes, and after {@code welcome} while it is on.
     */
    record Megaphone(String userId, boolean on) implements ServerMessage {
    }
}
