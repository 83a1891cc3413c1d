package io.skyscope.protocol.rest;

/**
 * {@code GET} and {@code PUT /api/v1/me/follow-settings}: whether others may follow you. Turning
 * it off removes everyone who follows you now (they are not told).
 */
public record FollowSettings(boolean followable) {
}
