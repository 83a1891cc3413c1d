package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import io.skyscope.client.video.VideoKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a peer's decoded pictures must be to reach the UI, whatever the peer's client sends. */
@Tag("voice")
class LinkVideoTest {

    @BeforeAll
    static void loadNativeLibrary() throws ClassNotFoundException {
        // NativeI420Buffer.allocate needs webrtc-java's native library, which the factory loads.
        Class.forName("dev.onvoid.webrtc.PeerConnectionFactory");
    }

    @Test
    void aCameraTheServerDidNotLetThroughAndAnOversizedPictureAreNotShown() {
        var video = new LinkVideo("ana", new VideoSinks());
        VideoFrame camera = new VideoFrame(NativeI420Buffer.allocate(640, 360), 0);
        VideoFrame huge = new VideoFrame(NativeI420Buffer.allocate(4200, 2400), 0);
        VideoFrame screen4k = new VideoFrame(NativeI420Buffer.allocate(3840, 2160), 0);
        try {
            assertThat(video.accepted(VideoKind.CAMERA, camera)).as("camera before voice.video").isFalse();
            assertThat(video.accepted(VideoKind.SCREEN, screen4k)).as("a 4K screen share").isTrue();
            assertThat(video.accepted(VideoKind.SCREEN, huge)).as("a picture above the cap").isFalse();

            video.permission(false, true);
            assertThat(video.accepted(VideoKind.CAMERA, camera)).as("camera let through").isTrue();
            assertThat(video.accepted(VideoKind.CAMERA, huge)).as("a camera above the cap").isFalse();

            video.permission(false, false);
            assertThat(video.accepted(VideoKind.CAMERA, camera)).as("camera no longer let through").isFalse();
        } finally {
            camera.release();
            huge.release();
            screen4k.release();
        }
    }
}
