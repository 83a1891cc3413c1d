package io.skyscope.server.world;

/**
 * Where a space's stages, and its meeting rooms of more people than the mesh size, go beyond
 * direct links: a media server whose rooms the implementation keeps in step with what the
 * proximity engine decides. Called on the space owner's thread, so
 * it must not block: the work (and the {@code media.join}/{@code media.leave} it sends) happens
 * on the implementation's own thread.
 */
public interface MediaStages {

    /** Most listeners a stage reaches through the media server. */
    int stageSize();

    /**
     * {@code userId} enters the media room of {@code stage} in {@code spaceId} ({@code inRoom}) as
     * a speaker or a (muted) listener, changes role, or leaves it.
     */
    void member(String spaceId, String stage, String userId, boolean inRoom, boolean speaker);

    /**
     * {@code userId} enters the media room of the meeting room {@code room} in {@code spaceId}
     * ({@code inRoom}; everyone there is heard) or leaves it: they left the room, or the room is
     * back on direct links ({@code backToDirect}).
     */
    void meetingRoom(String spaceId, String room, String userId, boolean inRoom, boolean backToDirect);

    /**
     * The user's client started afresh (a new connection took over, or everyone was welcomed
     * again) and knows of no media room: if they are in one of the space's, they are sent there
     * again, as a new participant with a new join token (the old one is removed).
     */
    void rejoin(String spaceId, String userId);
}
