package io.skyscope.protocol.rest;

/**
 * {@code GET/PUT /api/v1/spaces/{spaceId}/chat-settings}. {@code retentionDays} null keeps
 * messages forever; otherwise messages older than that many days are deleted by a periodic job.
 */
public record ChatSettings(Integer retentionDays) {
}
