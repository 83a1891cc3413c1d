package io.skyscope.protocol.rest;

/**
 * The body of every error response. {@code code} is stable and machine-readable (e.g.
 * "invalid_field", "username_taken", "rate_limited"); {@code message} is for people;
 * {@code field} names the request field at fault, if one is; {@code retryAfterSeconds} is set
 * with status 429 and 503 (and mirrored in the {@code Retry-After} header).
 */
public record ErrorBody(String code, String message, String field, Long retryAfterSeconds) {
}
