package io.skyscope.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyscope.protocol.ServerMessage.MediaVideoOffer.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a publisher's offer may hold before the server hands it to the SFU: one or two video sections, nothing else. */
class VideoRoomStateTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private static String video(String mid) {
        return "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=sendonly\r\n" + (mid == null ? "" : "a=mid:" + mid + "\r\n");
    }

    @Test
    void theCameraThenTheScreenAreReadInOrder() {
        assertThat(VideoRoomState.videoMids(HEAD + video("0") + video("1"), 2)).containsExactly("0", "1");
        assertThat(VideoRoomState.videoMids(HEAD + video("cam"), 1)).containsExactly("cam");
    }

    @Test
    void anythingButOneOrTwoVideoSectionsWithGoodMidsIsRefused() {
        String audio = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";
        String data = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:d\r\n";
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + audio + video("1"), 2)).hasMessageContaining("video only");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("0") + data, 2)).hasMessageContaining("video only");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD, 2)).hasMessageContaining("must offer 2");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("0") + video("1") + video("2"), 2))
                .hasMessageContaining("must offer 2");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("0") + video("1"), 1))
                .hasMessageContaining("must offer 1 video section ");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video(null) + video("1"), 2)).hasMessageContaining("without a mid");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("0") + video("0"), 2)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("x\"y"), 2)).hasMessageContaining("bad");
        assertThatThrownBy(() -> VideoRoomState.videoMids(HEAD + video("a".repeat(17)), 2)).hasMessageContaining("bad");
    }

    @Test
    void theRosterNamesWhoeverTheServerJoinedAsAFeedNeverWhatJanusDisplays() throws Exception {
        var room = new VideoRoomState.Room("space", "Boardroom", 7);
        var ana = new VideoRoomState.Member("ana");
        ana.publisher = 11;
        ana.feed = 1001;
        ana.mids = List.of("0", "1");
        ana.kinds = List.of("camera", "screen");
        var ben = new VideoRoomState.Member("ben");
        room.members.put("ana", ana);
        room.members.put("ben", ben);
        var streams = new ObjectMapper().readTree("""
                [{"mid": "0", "type": "video", "feed_id": 1001, "feed_mid": "0", "feed_display": "ben"},
                 {"mid": "1", "type": "video", "feed_id": 1001, "feed_mid": "1"},
                 {"mid": "2", "type": "audio", "feed_id": 1001, "feed_mid": "2"},
                 {"mid": "3", "type": "video", "feed_id": 999, "feed_mid": "0", "feed_display": "ana"},
                 {"mid": "4", "type": "video", "active": false},
                 {"mid": "5", "type": "data"}]
                """);
        assertThat(VideoRoomState.roster(room, streams))
                .containsExactly(new Stream("0", "ana", "camera"), new Stream("1", "ana", "screen"));
        ana.publisher = 0; // unpublished meanwhile: their old feed is nobody's
        assertThat(VideoRoomState.roster(room, streams)).isEmpty();
    }
}
