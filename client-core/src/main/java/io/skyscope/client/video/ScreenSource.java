package io.skyscope.client.video;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;

/**
 * Pictures the engine pulls at the source's own pace and sends as a screen share (or, for the
 * {@link TestPattern}, as a synthetic camera): {@link RobotScreen} captures a real screen,
 * {@link TestPattern} draws a moving, machine-readable pattern for headless clients and tests.
 *
 * <p>Threads: the engine calls {@link #capture} on its one capture thread for this source, about
 * {@link #framesPerSecond()} times a second, and {@link #close} on its control thread once that
 * thread has stopped. Not shared between engines.
 */
public interface ScreenSource extends AutoCloseable {

    /** What the user shares, to show ("Screen 1 (1920×1080)", "Test pattern"). */
    String name();

    /** How often to capture. */
    int framesPerSecond();

    /**
     * Takes one picture into a new buffer that the caller owns (and releases after sending it).
     * Its size may change from one call to the next.
     *
     * @throws VideoCaptureException if the picture cannot be taken (the share ends with a notice)
     */
    NativeI420Buffer capture();

    @Override
    default void close() {
    }
}
