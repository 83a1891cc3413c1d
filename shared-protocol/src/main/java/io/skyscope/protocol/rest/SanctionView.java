package io.skyscope.protocol.rest;

import java.time.Instant;

/**
 * What a user may not do in a space: {@code banned} (cannot enter, chat or read its history) and
 * {@code mutedUntil} (cannot send chat until then; null = not muted).
 */
public record SanctionView(String spaceId, String userId, boolean banned, Instant mutedUntil, String reason,
                           String byUserId, Instant at) {
}
