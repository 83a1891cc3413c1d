package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/unread}: the caller's channels there with unread messages. */
public record UnreadList(String spaceId, List<UnreadCount> channels) {
}
