package io.skyscope.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.MediaReasons;
import org.junit.jupiter.api.Test;

/** What a script prints when the media server goes down (the fallback) and when it sends me back. */
class MediaFallbackLinesTest {
    private static final ServerMessage.MediaJoin JOIN =
            new ServerMessage.MediaJoin("http://janus/janus", "t", 1, 7, 8, "r", "Town Hall", false);

    @Test
    void theFallbackAndTheWayBackEachGetALineAndNothingElseDoes() {
        var lines = new MediaFallbackLines();
        assertThat(lines.line(JOIN)).as("an ordinary join").isNull();
        assertThat(lines.line(new ServerMessage.MediaLeave(7, "Town Hall", "left the audience"))).isNull();
        assertThat(lines.line(new ServerMessage.MediaLeave(7, "Town Hall", MediaReasons.MEDIA_UNAVAILABLE)))
                .isEqualTo("  media server down: 'Town Hall' falls back to direct links where they reach");
        assertThat(lines.line(JOIN)).isEqualTo("  media server back: in the mix of 'Town Hall' again");
        assertThat(lines.line(JOIN)).as("told once").isNull();
        assertThat(lines.line(new ServerMessage.Pong("r", 1))).isNull();
    }

    @Test
    void aMeetingRoomsMixAndTheMegaphoneAreNamedToo() {
        var lines = new MediaFallbackLines();
        assertThat(lines.line(new ServerMessage.MediaLeave(9, null, MediaReasons.MEDIA_UNAVAILABLE, "Boardroom")))
                .isEqualTo("  media server down: 'Boardroom' falls back to direct links where they reach");
        assertThat(lines.line(new ServerMessage.MediaLeave(10, null, MediaReasons.MEDIA_UNAVAILABLE, null)))
                .isEqualTo("  media server down: the megaphone is not heard until it answers again");
        assertThat(lines.line(new ServerMessage.MediaJoin("http://janus/janus", "t", 1, 11, 8, "r", null, true,
                "Boardroom"))).isEqualTo("  media server back: in the mix of 'Boardroom' again");
        assertThat(lines.line(new ServerMessage.MediaJoin("http://janus/janus", "t", 1, 12, 8, "r", null, false,
                null))).isEqualTo("  media server back: in the mix of the megaphone again");
    }
}
