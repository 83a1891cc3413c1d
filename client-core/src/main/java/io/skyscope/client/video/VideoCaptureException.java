package io.skyscope.client.video;

/** A camera or a screen could not be opened or captured; the message says why, for the user. */
public final class VideoCaptureException extends RuntimeException {
    public VideoCaptureException(String message) {
        super(message);
    }

    public VideoCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
