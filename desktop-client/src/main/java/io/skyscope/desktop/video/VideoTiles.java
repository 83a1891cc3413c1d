package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which streams reach me, from the engine's links: a camera the person has on and the server lets
 * through to me, or a screen they share, once its feed has a picture (stalled when pictures stop);
 * and, in a meeting room with more cameras on than the server lets through, a line that says why
 * some are missing. Pure.
 *
 * @param tiles screen shares first, then cameras, each by name
 * @param limit "Video from the 4 nearest of the 6 people with their camera on" (or that the space
 *              shows no camera video), or empty
 */
record VideoTiles(List<VideoTile> tiles, String limit) {
    private static final Comparator<VideoTile> ORDER = Comparator.comparing((VideoTile t) -> t.kind() != VideoKind.SCREEN)
            .thenComparing(t -> t.name().toLowerCase(Locale.ROOT)).thenComparing(VideoTile::peerId);

    /**
     * @param feeds the feed of each stream of each link
     * @param names a user id's name to show
     * @param videoPeers the space's {@code videoPeers} voice setting, or null before it is loaded
     * @param inMyRoom whether a peer stands in the meeting room I stand in (their stream goes to
     *                 the strip, and counts for the strip's line)
     */
    static VideoTiles of(List<LinkState> links, Function<VideoTile.Key, VideoFeed> feeds, Function<String, String> names,
                         Integer videoPeers, Predicate<String> inMyRoom) {
        List<VideoTile> shown = new ArrayList<>();
        int roomCameras = 0;
        int roomReceived = 0;
        for (LinkState l : links) {
            LinkState.Video v = l.video();
            boolean room = inMyRoom.test(l.peerId());
            if (room && v.camera()) {
                roomCameras++;
                roomReceived += v.receive() ? 1 : 0;
            }
            for (VideoKind kind : VideoKind.values()) {
                boolean reaches = kind == VideoKind.CAMERA ? v.camera() && v.receive() : v.screen();
                VideoFeed feed = feeds.apply(new VideoTile.Key(l.peerId(), kind));
                if (reaches && feed.frames() > 0) {
                    shown.add(new VideoTile(l.peerId(), names.apply(l.peerId()), kind, feed, room,
                            v.stalled(kind) || !v.flowing(kind)));
                }
            }
        }
        shown.sort(ORDER);
        // The server lets the nearest videoPeers with the camera on through. None reaching me says
        // nothing about the setting (the server may not have chosen yet): only the setting does.
        String limit = roomCameras <= roomReceived ? ""
                : videoPeers != null && videoPeers == 0 ? "This space shows no camera video; you still hear everyone"
                : roomReceived == 0 ? "No camera video reaches you yet from the " + roomCameras
                        + " people with their camera on"
                : "Video from the " + roomReceived + " nearest of the " + roomCameras + " people with their camera on";
        return new VideoTiles(List.copyOf(shown), limit);
    }
}
