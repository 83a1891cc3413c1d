package io.skyscope.protocol.rest;

import java.time.Instant;

/**
 * A guest link of a space: whoever holds it may join the space as a guest, with a display name
 * only, until {@code expiresAt}; {@code guests} of {@code maxGuests} have joined. {@code link} is
 * the page to pass on ({@code <PUBLIC_URL>/guest/<code>}), {@code appLink} the same link for the
 * desktop app ({@code skyscope://guest/<host>/<code>}). Revoking it ends its guests' access.
 */
public record GuestLinkView(String code, String spaceId, Instant expiresAt, String createdBy, int guests,
                            int maxGuests, String link, String appLink) {
}
