package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/invites}: the space's invites that can still be used, newest first. */
public record InviteList(List<InviteView> invites) {
}
