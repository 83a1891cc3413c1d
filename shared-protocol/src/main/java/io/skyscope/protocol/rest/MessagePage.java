package io.skyscope.protocol.rest;

import io.skyscope.protocol.ChatMessage;
import java.util.List;

/**
 * One page of a channel's history, newest first: {@code GET /api/v1/spaces/{spaceId}/messages}
 * and {@code GET /api/v1/conversations/{convId}/messages}. Pass {@code nextBefore} as
 * {@code before} to get the older page; it is null when there is nothing older.
 */
public record MessagePage(List<ChatMessage> messages, String nextBefore) {
}
