package io.skyscope.protocol.rest;

/**
 * {@code POST /api/v1/spaces/{spaceId}/guest-links}: how long the link lets guests in (seconds,
 * 10 to 604800 = 7 days; null = 1 day) and how many guests it admits (1 to 50; null = 10).
 */
public record GuestLinkCreate(Long lifetimeSeconds, Integer maxGuests) {
}
