package io.skyscope.protocol.rest;

/**
 * {@code GET/PUT /api/v1/me/guest-messages}: whether guests may open direct conversations with me
 * (off unless I turn it on).
 */
public record GuestMessages(boolean allow) {
}
