package io.skyscope.server.world;

import java.time.Instant;

/**
 * Where a space's stages, and its meeting rooms of more people than the mesh size, go beyond
 * direct links: a media server whose rooms the implementation keeps in step with what the
 * proximity engine decides. Called on the space owner's thread, so
 * it must not block: the work (and the {@code media.join}/{@code media.leave} it sends) happens
 * on the implementation's own thread.
 */
public interface MediaStages {

    /**
     * Whether the media server answers ({@code up}), since when, and why not ({@code reason}, null
     * while up). {@code changes} counts its goings and comings: a space that sees it change starts
     * its stages afresh, through the media server or over direct links, even if it missed a
     * down-and-up in between.
     */
    record Availability(boolean up, long changes, Instant since, String reason) {
    }

    /** The media server's availability now: one volatile read, cheap enough for every tick. */
    Availability availability();

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

    /**
     * {@code userId} enters the megaphone's room of {@code spaceId} ({@code inRoom}) as its holder
     * ({@code speaker}: heard) or a listener (muted), changes role, or leaves it.
     */
    void megaphone(String spaceId, String userId, boolean inRoom, boolean speaker);

    /**
     * {@code userId}'s video for the mixed meeting room of {@code spaceId} whose media room is
     * {@code room} (an offer's {@code kinds}: what each of its sections is): refused (an
     * {@code error} to them) unless they are in that room's mix now.
     */
    void video(String spaceId, String userId, SpaceCommand.MediaVideoAction action, long room, String sdp,
               java.util.List<String> kinds, String ref);

    /**
     * Whether cameras are seen in {@code spaceId}'s mixed meeting rooms (its {@code videoPeers} is
     * not 0); a change applies to the rooms mixed now. Screen shares are not governed by it.
     */
    void cameras(String spaceId, boolean on);
}
