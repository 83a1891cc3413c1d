package io.skyscope.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines the CLI prints for the media rooms the server sends me to, and how {@code who} names them. */
class MediaLinesTest {
    private final List<String> printed = new ArrayList<>();
    private final MediaLines lines = new MediaLines(printed::add);

    @Test
    void aMeetingRoomsMixIsNamedAndItsEndSaysWhy() {
        lines.on(new ServerMessage.MediaJoin("http://127.0.0.1:8088/janus", "t", 1, 42, 7, "rt", null, true, "Boardroom"));
        assertThat(lines.name("media:42")).isEqualTo("the meeting room 'Boardroom'");
        lines.on(new ServerMessage.MediaLeave(42, null, "the room is back on direct links", "Boardroom"));
        assertThat(printed).containsExactly("  media server: in the mix of the meeting room 'Boardroom', heard",
                "  media server: out of the mix of the meeting room 'Boardroom' (the room is back on direct links)");
        assertThat(lines.name("media:42")).isEqualTo("a media room");
    }

    @Test
    void aStageListenerIsListeningAndPeopleKeepTheirIds() {
        lines.on(new ServerMessage.MediaJoin("u", "t", 1, 9, 7, "rt", "Town Hall Stage", false));
        assertThat(printed).containsExactly("  media server: in the mix of the stage 'Town Hall Stage', listening");
        assertThat(lines.name("media:9")).isEqualTo("the stage 'Town Hall Stage'");
        assertThat(lines.name("u-123")).isEqualTo("u-123");
    }

    @Test
    void theMegaphonesRoomNamesNeitherAStageNorAMeetingRoom() {
        lines.on(new ServerMessage.MediaJoin("u", "t", 1, 5, 7, "rt", null, false, null));
        assertThat(printed).containsExactly("  media server: in the mix of the megaphone, listening");
        assertThat(lines.name("media:5")).isEqualTo("the megaphone");
    }
}
