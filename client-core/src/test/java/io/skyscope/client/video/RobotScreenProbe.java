package io.skyscope.client.video;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;

/**
 * Captures one picture of the first screen with {@link RobotScreen} and prints its size: run by
 * {@link RobotScreenTest} in a JVM of its own, whose DISPLAY is a virtual X server.
 */
public final class RobotScreenProbe {
    private RobotScreenProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("dev.onvoid.webrtc.PeerConnectionFactory");
        RobotScreen screen = RobotScreen.screens().getFirst();
        NativeI420Buffer picture = screen.capture();
        try {
            System.out.println("captured " + screen.name() + ": " + picture.getWidth() + "x" + picture.getHeight());
        } finally {
            picture.release();
        }
    }
}
