package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoKind;

/**
 * One stream that reaches me: someone's camera or screen share, with its pictures.
 *
 * @param name    whose it is, to show
 * @param room    the link is a meeting room's (shown in the strip above the map), not proximity's
 *                (shown as a bubble beside their avatar)
 * @param stalled pictures stopped arriving: the last one is shown greyed with "video paused"
 */
public record VideoTile(String peerId, String name, VideoKind kind, VideoFeed feed, boolean room, boolean stalled) {

    public Key key() {
        return new Key(peerId, kind);
    }

    /** Which stream, whatever its state. */
    public record Key(String peerId, VideoKind kind) {
    }
}
