package io.skyscope.protocol.rest;

import java.time.Instant;

/** {@code POST /api/v1/spaces/{spaceId}/invites}: a code to pass on, valid until {@code expiresAt}. */
public record InviteView(String code, String spaceId, Instant expiresAt) {
}
