package io.skyscope.client.video;

/**
 * Which of a voice link's two video sections a picture travels on: the camera (second media
 * section) or the screen share (third). See docs/protocol.md, "Voice".
 */
public enum VideoKind {
    CAMERA, SCREEN
}
