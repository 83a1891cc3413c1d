package io.skyscope.protocol.rest;

import java.time.Instant;
import java.util.List;

/**
 * A direct ({@code kind} "direct") or group ("group") conversation of a space. Its chat channel
 * is {@code conv:<id>}; {@code unread} counts the caller's unread messages in it.
 */
public record ConversationView(String id, String spaceId, String kind, String title, List<String> participants,
                               String createdBy, Instant createdAt, long unread) {
}
