package io.skyscope.protocol.rest;

/**
 * The answer to {@code POST /api/v1/guest-links/{code}/join}: the guest's tokens (refreshed like
 * anyone's, but never valid past the link's expiry) and the one space they may enter.
 */
public record GuestJoined(AuthResponse tokens, String spaceId) {
}
