package io.skyscope.protocol.rest;

import java.time.Instant;

/**
 * An invite code to pass on, valid until {@code expiresAt} for {@code maxUses} uses, of which
 * {@code uses} are taken; made by {@code createdBy}. It stops working when revoked, and when its
 * maker may no longer invite people to the space. {@code link} is the page to pass on
 * ({@code <PUBLIC_URL>/invite/<code>}), {@code appLink} the same invite for the desktop app
 * ({@code skyscope://invite/<host>/<code>}).
 */
public record InviteView(String code, String spaceId, Instant expiresAt, String createdBy, int uses, int maxUses,
                         String link, String appLink) {
}
