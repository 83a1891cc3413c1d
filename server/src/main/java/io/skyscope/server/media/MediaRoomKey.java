package io.skyscope.server.media;

import io.skyscope.protocol.ServerMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A media room's place in a space: a stage (speakers heard, listeners muted), a meeting room of
 * more people than its mesh size (everyone heard), or the space's megaphone (its holder heard).
 * The kind decides what {@code media.join} and {@code media.leave} name: the stage, the meeting
 * room, or neither for the megaphone. Values only; {@link StageRooms}' thread alone touches the
 * {@link Room}s.
 */
record MediaRoomKey(String spaceId, Kind kind, String name) {
    enum Kind { STAGE, MEETING_ROOM, MEGAPHONE }

    /** The one megaphone room of {@code spaceId}. */
    static MediaRoomKey megaphone(String spaceId) {
        return new MediaRoomKey(spaceId, Kind.MEGAPHONE, "megaphone");
    }

    ServerMessage.MediaJoin join(String url, String token, long expires, long room, Member m) {
        return new ServerMessage.MediaJoin(url, token, expires, room, m.participant(), m.roomToken(), stage(),
                m.speaker(), meetingRoom());
    }

    ServerMessage.MediaLeave leave(long room, String reason) {
        return new ServerMessage.MediaLeave(room, stage(), reason, meetingRoom());
    }

    private String stage() {
        return kind == Kind.STAGE ? name : null;
    }

    private String meetingRoom() {
        return kind == Kind.MEETING_ROOM ? name : null;
    }

    /** Someone the server sent to a room: their participant id, join token and whether they are heard. */
    record Member(long participant, String roomToken, boolean speaker) {
    }

    /** An AudioBridge room: its id, its secret and who is in it. Mutable: the media thread only. */
    static final class Room {
        final long id;
        final String secret;
        final Map<String, Member> members = new LinkedHashMap<>();

        Room(long id, String secret) {
            this.id = id;
            this.secret = secret;
        }
    }
}
