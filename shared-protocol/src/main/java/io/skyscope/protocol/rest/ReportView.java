package io.skyscope.protocol.rest;

import java.time.Instant;

/**
 * A reported message, for the space's admins. {@code text} is the message as it was when it was
 * reported (admins may not otherwise see a conversation).
 */
public record ReportView(String id, String spaceId, String messageId, String channel, String senderId,
                         String senderName, String text, String reporterId, String reason, Instant createdAt) {
}
