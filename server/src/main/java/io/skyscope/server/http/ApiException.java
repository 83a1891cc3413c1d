package io.skyscope.server.http;

import java.time.Duration;

/**
 * A failure the caller can understand and act on. Services throw it; {@code HttpErrors} maps it
 * once, at the edge, to an HTTP status and a JSON {@code {code, message, field}} body, and the
 * WebSocket dispatcher maps it to an {@code error} frame.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message, String field, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_field", message, field, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, null, null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null, null);
    }

    public static ApiException conflict(String code, String field, String message) {
        return new ApiException(409, code, message, field, null);
    }

    /** 413 {@code too_large}: a request, or a part of it, is bigger than the server takes. */
    public static ApiException tooLarge(String field, String message) {
        return new ApiException(413, "too_large", message, field, null);
    }

    /** 409 {@code quota_exceeded}: the caller has as much of something as they may keep. */
    public static ApiException quotaExceeded(String field, String message) {
        return new ApiException(409, "quota_exceeded", message, field, null);
    }

    public static ApiException tooManyRequests(String message, Duration retryAfter) {
        return new ApiException(429, "rate_limited", message, null, retryAfter);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, null, Duration.ofSeconds(1));
    }

    public int status() {
        return status;
    }

    public String code() {
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
