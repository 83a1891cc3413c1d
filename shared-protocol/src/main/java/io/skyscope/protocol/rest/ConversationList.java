package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/conversations}: the caller's conversations there, newest first. */
public record ConversationList(List<ConversationView> conversations) {
}
