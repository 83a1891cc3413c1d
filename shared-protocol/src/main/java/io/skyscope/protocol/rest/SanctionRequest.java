package io.skyscope.protocol.rest;

/**
 * Body of {@code PUT /api/v1/spaces/{spaceId}/bans/{userId}} and {@code .../mutes/{userId}}.
 * {@code minutes} (mutes only) limits the mute; null mutes until lifted. Both fields may be null.
 */
public record SanctionRequest(String reason, Integer minutes) {
}
