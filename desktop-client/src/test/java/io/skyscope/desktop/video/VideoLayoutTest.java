package io.skyscope.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.client.video.VideoKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where streams are shown, from tables of what reaches me and what I clicked. */
class VideoLayoutTest {
    private static final VideoTile ANA_NEAR = tile("ana", VideoKind.CAMERA, false);
    private static final VideoTile BEN_ROOM = tile("ben", VideoKind.CAMERA, true);
    private static final VideoTile CY_ROOM = tile("cy", VideoKind.CAMERA, true);
    private static final VideoTile BEN_SCREEN = tile("ben", VideoKind.SCREEN, true);
    private static final VideoTile CY_SCREEN = tile("cy", VideoKind.SCREEN, true);

    @Test
    void camerasInOpenSpaceAreBubblesAndInAMeetingRoomTheStrip() {
        VideoLayout layout = VideoLayout.of(List.of(ANA_NEAR, BEN_ROOM, CY_ROOM), null, Set.of());
        assertThat(layout.bubbles()).containsOnlyKeys("ana");
        assertThat(layout.strip()).containsExactly(BEN_ROOM, CY_ROOM);
        assertThat(layout.large()).isNull();
    }

    @Test
    void aScreenShareTakesTheLargeAreaAndAnotherWaitsInTheStrip() {
        VideoLayout layout = VideoLayout.of(List.of(BEN_SCREEN, CY_SCREEN, BEN_ROOM), null, Set.of());
        assertThat(layout.large()).isEqualTo(BEN_SCREEN);
        assertThat(layout.strip()).containsExactly(CY_SCREEN, BEN_ROOM);
    }

    @Test
    void aClickedStreamIsLargeUntilItGoes() {
        VideoLayout clicked = VideoLayout.of(List.of(BEN_SCREEN, CY_ROOM), CY_ROOM.key(), Set.of());
        assertThat(clicked.large()).isEqualTo(CY_ROOM);
        assertThat(clicked.strip()).containsExactly(BEN_SCREEN);

        VideoLayout bubble = VideoLayout.of(List.of(ANA_NEAR), ANA_NEAR.key(), Set.of());
        assertThat(bubble.large()).isEqualTo(ANA_NEAR);
        assertThat(bubble.bubbles()).as("still beside her avatar").containsOnlyKeys("ana");

        VideoLayout gone = VideoLayout.of(List.of(BEN_SCREEN), CY_ROOM.key(), Set.of());
        assertThat(gone.large()).as("back to the share").isEqualTo(BEN_SCREEN);
    }

    @Test
    void aClosedShareWaitsInTheStrip() {
        VideoLayout layout = VideoLayout.of(List.of(BEN_SCREEN, ANA_NEAR), null, Set.of(BEN_SCREEN.key()));
        assertThat(layout.large()).isNull();
        assertThat(layout.strip()).containsExactly(BEN_SCREEN);
        assertThat(VideoLayout.of(List.of(), null, Set.of()).isEmpty()).isTrue();
    }

    private static VideoTile tile(String peer, VideoKind kind, boolean room) {
        return new VideoTile(peer, peer, kind, new VideoFeed(), room, false);
    }
}
