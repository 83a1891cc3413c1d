package io.skyscope.protocol.rest;

/** {@code POST /api/v1/guest-links/{code}/join}: the name a guest goes by (1 to 40 characters). */
public record GuestJoin(String displayName) {
}
