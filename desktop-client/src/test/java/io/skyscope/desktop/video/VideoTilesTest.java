package io.skyscope.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.video.VideoKind;
import io.skyscope.client.voice.LinkState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which streams reach me, from tables of links as the engine reports them. */
class VideoTilesTest {
    private final Map<VideoTile.Key, VideoFeed> feeds = new HashMap<>();

    @Test
    void aCameraReachesMeWhenItIsOnTheServerLetsItThroughAndPicturesCame() {
        pictures("ana", VideoKind.CAMERA);
        pictures("ben", VideoKind.CAMERA);
        VideoTiles t = of(
                link("ana", "proximity", video(true, false, true, true, false)),
                link("ben", "proximity", video(true, false, false, false, false)),
                link("cy", "proximity", video(true, false, true, true, false)));
        assertThat(t.tiles()).extracting(VideoTile::peerId).as("Ben not let through, Cy no picture yet")
                .containsExactly("ana");
        VideoTile ana = t.tiles().getFirst();
        assertThat(ana.room()).isFalse();
        assertThat(ana.stalled()).isFalse();
        assertThat(ana.name()).isEqualTo("Name of ana");
        assertThat(t.limit()).isEmpty();
    }

    @Test
    void screenSharesComeFirstAndAStalledPictureSaysSo() {
        pictures("ana", VideoKind.CAMERA);
        pictures("ben", VideoKind.SCREEN);
        VideoTiles t = of(
                link("ana", "room", video(true, false, true, false, true)),
                link("ben", "room", new LinkState.Video(false, true, false, false, false, true, false, false, false,
                        false, null)));
        assertThat(t.tiles()).extracting(VideoTile::key).containsExactly(
                new VideoTile.Key("ben", VideoKind.SCREEN), new VideoTile.Key("ana", VideoKind.CAMERA));
        assertThat(t.tiles().get(1).stalled()).isTrue();
        assertThat(t.tiles().get(1).room()).isTrue();
    }

    @Test
    void aMeetingRoomWithMoreCamerasThanLetThroughSaysWhy() {
        VideoTiles t = of(
                link("ana", "room", video(true, false, true, true, false)),
                link("ben", "room", video(true, false, true, true, false)),
                link("cy", "room", video(true, false, false, false, false)),
                link("dee", "room", video(false, false, false, false, false)),
                link("eve", "proximity", video(true, false, false, false, false)));
        assertThat(t.limit()).isEqualTo("Video from the 2 nearest of the 3 people with their camera on");

        VideoTiles none = withVideoPeers(0, link("ana", "room", video(true, false, false, false, false)));
        assertThat(none.limit()).as("the space's videoPeers is 0")
                .isEqualTo("This space shows no camera video; you still hear everyone");
    }

    @Test
    void noCameraReachingMeInARoomDoesNotSayTheSpaceShowsNoVideoUnlessItsSettingSaysSo() {
        LinkState ana = link("ana", "room", video(true, false, false, false, false));
        LinkState ben = link("ben", "room", video(true, false, false, false, false));
        assertThat(withVideoPeers(4, ana, ben).limit()).as("videoPeers 4, the server has not let them through yet")
                .isEqualTo("No camera video reaches you yet from the 2 people with their camera on");
        assertThat(withVideoPeers(null, ana, ben).limit()).as("settings not loaded")
                .isEqualTo("No camera video reaches you yet from the 2 people with their camera on");
    }

    private VideoTiles of(LinkState... links) {
        return withVideoPeers(4, links);
    }

    private VideoTiles withVideoPeers(Integer videoPeers, LinkState... links) {
        // Here the people linked for a room stand in mine.
        return inRoom(videoPeers, id -> List.of(links).stream().anyMatch(l -> l.peerId().equals(id)
                && "room".equals(l.reason())), links);
    }

    private VideoTiles inRoom(Integer videoPeers, java.util.function.Predicate<String> inMyRoom, LinkState... links) {
        return VideoTiles.of(List.of(links), key -> feeds.computeIfAbsent(key, k -> new VideoFeed()),
                id -> "Name of " + id, videoPeers, inMyRoom);
    }

    @Test
    void whoStandsInMyRoomGoesToTheStripWhateverTheLinkWasMadeFor() {
        // Ana and I talked in open space and walked into a room together: the link stays "proximity".
        LinkState ana = link("ana", "proximity", video(true, false, true, true, false));
        pictures("ana", VideoKind.CAMERA);
        assertThat(inRoom(4, id -> id.equals("ana"), ana).tiles()).singleElement()
                .satisfies(t -> assertThat(t.room()).as("in the strip").isTrue());
        assertThat(inRoom(4, id -> false, ana).tiles()).singleElement()
                .satisfies(t -> assertThat(t.room()).as("a bubble").isFalse());
    }

    /** The feed of a stream has had a picture. */
    private void pictures(String peer, VideoKind kind) {
        feeds.computeIfAbsent(new VideoTile.Key(peer, kind), k -> new VideoFeed()).publish(2, 2, b -> { });
    }

    private static LinkState.Video video(boolean camera, boolean screen, boolean receive, boolean flowing,
                                         boolean stalled) {
        return new LinkState.Video(camera, screen, true, receive, flowing, false, stalled, false, false, false, null);
    }

    private static LinkState link(String peer, String reason, LinkState.Video video) {
        return new LinkState(peer, reason, "sendrecv", LinkState.State.CONNECTED, -30, false, false, 1, 1, 100, video);
    }
}
