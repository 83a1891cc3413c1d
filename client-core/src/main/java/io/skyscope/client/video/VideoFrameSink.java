package io.skyscope.client.video;

import dev.onvoid.webrtc.media.video.VideoFrame;

/**
 * Receives the pictures of one person's camera or screen share (or my own, for a self-view).
 *
 * <p>Called on a WebRTC decoding thread for a peer's video and on the engine's capture thread for
 * my own. The frame is valid only during the call: copy what you need (for instance with
 * {@link VideoFrames#toBgra}) and return quickly; never keep the frame or call {@code release} on
 * it. Never touch UI nodes from here: hand the pixels to the render loop.
 */
@FunctionalInterface
public interface VideoFrameSink {
    void onFrame(VideoFrame frame);
}
