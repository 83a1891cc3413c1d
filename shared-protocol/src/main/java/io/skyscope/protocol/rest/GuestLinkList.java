package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces/{spaceId}/guest-links}: the space's unexpired guest links, newest first. */
public record GuestLinkList(List<GuestLinkView> guestLinks) {
}
