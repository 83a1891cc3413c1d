package io.skyscope.server.world.proximity;

/** What the proximity engine tells one user after a tick. */
public sealed interface VoiceEvent {

    String userId();

    /**
     * {@code peerId} entered {@code userId}'s voice set. Exactly one of the two events of a pair has
     * {@code offerer} set: the side whose user id sorts first sends the WebRTC offer.
     */
    record Joined(String userId, String peerId, boolean offerer, VoiceReason reason, String direction)
            implements VoiceEvent {
    }

    /** {@code peerId} left {@code userId}'s voice set. */
    record Left(String userId, String peerId, VoiceReason reason) implements VoiceEvent {
    }

    /**
     * Whose camera travels on the link between {@code userId} and {@code peerId}: {@code send},
     * {@code userId}'s goes to {@code peerId}; {@code receive}, {@code peerId}'s comes to
     * {@code userId}. Both sides get one when either changes ({@link VideoSets}).
     */
    record Video(String userId, String peerId, boolean send, boolean receive) implements VoiceEvent {
    }

    /**
     * {@code userId} listens to a stage whose audience is full: direct links reach at most
     * {@code limit} listeners, and a larger audience needs a media server (SFU), which this server
     * does not have; or ({@code media}) the media server's room for it is at its configured size.
     * Sent once each time the user comes to the stage or its audience.
     */
    record AudienceFull(String userId, String stage, int limit, boolean media) implements VoiceEvent {
        public AudienceFull(String userId, String stage, int limit) {
            this(userId, stage, limit, false);
        }
    }

    /**
     * With a media server, a stage is heard through its room there instead of direct links:
     * {@code userId} enters it ({@code inRoom}) as a speaker (heard) or a listener (muted), changes
     * role, or leaves it ({@code inRoom} false).
     */
    record Media(String userId, String stage, boolean inRoom, boolean speaker) implements VoiceEvent {
    }

    /**
     * With a media server, a meeting room of more people than its mesh size is heard through one mix
     * there instead of direct links ({@link RoomMix}): {@code userId} enters it ({@code inRoom}, heard
     * like everyone there) or leaves it, because they left the room or because the room is back on
     * direct links ({@code backToDirect}: voice.join messages for everyone in it follow).
     */
    record RoomMedia(String userId, String room, boolean inRoom, boolean backToDirect) implements VoiceEvent {
    }
}
