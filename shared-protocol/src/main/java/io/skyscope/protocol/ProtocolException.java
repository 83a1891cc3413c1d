package io.skyscope.protocol;

/**
 * A frame that could not be decoded. {@code code} is the error code sent back to the client,
 * {@code field} the offending field (or null) and {@code ref} the frame's ref if it could be read.
 */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String field;
    private final String ref;

    public ProtocolException(ErrorCode code, String field, String message, String ref) {
        super(message);
        this.code = code;
        this.field = field;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String ref() {
        return ref;
    }
}
