package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code POST /api/v1/spaces/{spaceId}/conversations}: the other participants (user ids, members
 * of the space). One other person makes a direct conversation (the same one every time); two or
 * more make a group, which may have a {@code title}.
 */
public record ConversationCreate(List<String> participants, String title) {
}
