package io.skyscope.client.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pattern's code read back from WebRTC's own buffers, at full size and scaled down. */
@Tag("voice")
class TestPatternTest {

    @BeforeAll
    static void loadNativeLibrary() throws ClassNotFoundException {
        // NativeI420Buffer.allocate needs webrtc-java's native library, which the factory loads.
        Class.forName("dev.onvoid.webrtc.PeerConnectionFactory");
    }

    @Test
    void aFrameSaysItsKindCounterAndTimeAtEverySizeTheEncoderUses() {
        var pattern = new TestPattern(VideoKind.SCREEN, 640, 360, 5);
        long before = System.currentTimeMillis();
        pattern.capture().release();
        NativeI420Buffer second = pattern.capture();
        try {
            var frame = new VideoFrame(second, 0);
            TestPattern.Stamp stamp = TestPattern.decode(frame);
            assertThat(stamp).isNotNull();
            assertThat(stamp.kind()).isEqualTo(VideoKind.SCREEN);
            assertThat(stamp.counter()).isEqualTo(1);
            assertThat(stamp.wallMillis()).isBetween(before, System.currentTimeMillis());
            for (int[] size : new int[][] {{480, 270}, {320, 180}}) {
                VideoFrameBuffer scaled = second.cropAndScale(0, 0, 640, 360, size[0], size[1]);
                try {
                    assertThat(TestPattern.decode(new VideoFrame(scaled, 0))).as("%dx%d", size[0], size[1])
                            .isEqualTo(stamp);
                } finally {
                    scaled.release();
                }
            }
        } finally {
            second.release();
        }
    }

    @Test
    void aPictureThatIsNotThePatternReadsAsNothing() {
        NativeI420Buffer grey = NativeI420Buffer.allocate(640, 360);
        try {
            var y = grey.getDataY();
            for (int i = 0; i < grey.getStrideY() * 360; i++) {
                y.put(i, (byte) ((i * 31) % 256));
            }
            assertThat(TestPattern.decode(new VideoFrame(grey, 0))).isNull();
        } finally {
            grey.release();
        }
    }

    @Test
    void theCameraPatternIsMarkedAsCamera() {
        NativeI420Buffer buffer = TestPattern.camera().capture();
        try {
            assertThat(TestPattern.decode(new VideoFrame(buffer, 0)).kind()).isEqualTo(VideoKind.CAMERA);
        } finally {
            buffer.release();
        }
    }
}
