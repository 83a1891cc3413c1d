package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/members}, in the order they joined. */
public record MemberList(List<MemberView> members) {
}
