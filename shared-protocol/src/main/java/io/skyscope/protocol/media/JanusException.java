package io.skyscope.protocol.media;

/**
 * Janus refused a request or could not be reached. {@code code} is Janus's own error code (403
 * unauthorized, 458 no such session, ...) or, for the AudioBridge, its {@code error_code} (485 no
 * such room, 486 room exists, 489 unauthorized, 492 no such participant, ...); {@link #UNREACHABLE} when no answer came.
 */
public final class JanusException extends RuntimeException {
    public static final int UNREACHABLE = -1;
    /** Janus: the session does not exist (expired or the server restarted). */
    public static final int NO_SUCH_SESSION = 458;
    /** AudioBridge: no such room. */
    public static final int NO_SUCH_ROOM = 485;
    /** AudioBridge: no such participant in the room. */
    public static final int NO_SUCH_USER = 492;

    private final int code;

    public JanusException(int code, String message) {
        super(message);
        this.code = code;
    }

    public JanusException(String message, Throwable cause) {
        super(message, cause);
        this.code = UNREACHABLE;
    }

    public int code() {
        return code;
    }

    /**
     * Whether Janus itself gave no answer: nothing within the timeout, no connection, or an HTTP
     * 5xx from something in front of it (Janus answers its own errors with HTTP 200).
     */
    public boolean noAnswer() {
        return code == UNREACHABLE || (code >= 500 && code < 600);
    }
}
