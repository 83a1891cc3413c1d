package io.skyscope.protocol.rest;

/** Someone found by {@code GET /api/v1/people}: a member of a space the searcher shares with them. */
public record PersonMatch(String userId, String username, String displayName, String avatar) {
}
