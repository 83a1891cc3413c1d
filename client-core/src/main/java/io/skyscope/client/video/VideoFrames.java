package io.skyscope.client.video;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;

/** Pixels out of WebRTC frames for a UI. Stateless; any thread. */
public final class VideoFrames {
    private VideoFrames() {
    }

    /** Bytes {@link #toBgra} needs for a frame: width × height × 4. */
    public static int bgraSize(VideoFrame frame) {
        return frame.buffer.getWidth() * frame.buffer.getHeight() * 4;
    }

    /**
     * Converts a frame to premultiplied B,G,R,A bytes (JavaFX's
     * {@code PixelFormat.getByteBgraPreInstance()}; the alpha is opaque, so premultiplied or not is
     * the same), rows of {@code width * 4} bytes from {@code target}'s position. libyuv calls this
     * layout "ARGB" (a little-endian 32-bit ARGB word). {@code target} must hold {@link #bgraSize}
     * bytes and be direct (a heap buffer is refused by the native converter).
     *
     * @throws IllegalArgumentException if {@code target} is too small
     * @throws IllegalStateException    if the native conversion fails
     */
    public static void toBgra(VideoFrame frame, ByteBuffer target) {
        int needed = bgraSize(frame);
        if (target.remaining() < needed) {
            throw new IllegalArgumentException("a " + frame.buffer.getWidth() + "x" + frame.buffer.getHeight()
                    + " frame needs " + needed + " bytes, the buffer has " + target.remaining());
        }
        try {
            VideoBufferConverter.convertFromI420(frame.buffer, target, FourCC.ARGB);
        } catch (Exception e) {
            throw new IllegalStateException("cannot convert a video frame to BGRA: " + e.getMessage(), e);
        }
    }
}
