package io.skyscope.server;

import io.skyscope.protocol.ErrorCode;
import java.time.Duration;

/**
 * A request the server refuses, for a reason the caller can understand and act on: thrown by
 * services and engines, which know nothing of HTTP or WebSocket. It is mapped in exactly two
 * places: the REST error handler ({@code http.HttpErrors}) gives it an HTTP status and a JSON body,
 * and the WebSocket dispatcher ({@code ws.MessageDispatcher}) sends it as an {@code error} frame.
 */
public class Refused extends RuntimeException {
    private final ErrorCode code;
    private final String field;
    private final Duration retryAfter;

    public Refused(ErrorCode code, String message, String field, Duration retryAfter) {
        super(message);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public Refused(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    /** {@code invalid_field}: a field of the request is wrong; {@code field} names it. */
    public static Refused badRequest(String field, String message) {
        return new Refused(ErrorCode.INVALID_FIELD, message, field, null);
    }

    public static Refused badRequest(String message) {
        return new Refused(ErrorCode.BAD_REQUEST, message);
    }

    public static Refused unauthorized(String message) {
        return new Refused(ErrorCode.UNAUTHORIZED, message);
    }

    public static Refused forbidden(String message) {
        return new Refused(ErrorCode.FORBIDDEN, message);
    }

    public static Refused notFound(String message) {
        return new Refused(ErrorCode.NOT_FOUND, message);
    }

    /** A conflict with the state of things, named by {@code code} (e.g. {@code username_taken}). */
    public static Refused conflict(ErrorCode code, String field, String message) {
        return new Refused(code, message, field, null);
    }

    /** {@code too_large}: a request, or a part of it, is bigger than the server takes. */
    public static Refused tooLarge(String field, String message) {
        return new Refused(ErrorCode.TOO_LARGE, message, field, null);
    }

    /** {@code quota_exceeded}: the caller has as much of something as they may keep. */
    public static Refused quotaExceeded(String field, String message) {
        return new Refused(ErrorCode.QUOTA_EXCEEDED, message, field, null);
    }

    public static Refused tooManyRequests(String message, Duration retryAfter) {
        return new Refused(ErrorCode.RATE_LIMITED, message, null, retryAfter);
    }

    public static Refused unavailable(String message) {
        return new Refused(ErrorCode.UNAVAILABLE, message, null, Duration.ofSeconds(1));
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field that was wrong, or null. */
    public String field() {
        return field;
    }

    /** When the caller may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
