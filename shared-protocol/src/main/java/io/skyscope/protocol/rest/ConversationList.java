package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code GET /api/v1/spaces/{spaceId}/conversations}: the caller's conversations there, newest
 * first, a page at a time. Pass {@code nextBefore} as {@code before} for older ones; it is null
 * when there is nothing older.
 */
public record ConversationList(List<ConversationView> conversations, String nextBefore) {
}
