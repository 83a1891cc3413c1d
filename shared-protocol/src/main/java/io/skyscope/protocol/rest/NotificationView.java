package io.skyscope.protocol.rest;

import java.time.Instant;

/**
 * A notification: {@code kind} is "mention", "dm" or "invite". {@code messageId} and
 * {@code preview} are set for mentions and direct messages; {@code channel} says where to look.
 */
public record NotificationView(String id, String kind, String spaceId, String channel, String messageId,
                               String fromUserId, String fromName, String preview, Instant createdAt, boolean read) {
}
