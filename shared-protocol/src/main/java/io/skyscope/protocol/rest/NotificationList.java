package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code GET /api/v1/notifications}: newest first, with the number still unread. Pass
 * {@code nextBefore} as {@code before} for older ones.
 */
public record NotificationList(List<NotificationView> notifications, long unread, String nextBefore) {
}
