package io.skyscope.protocol.rest;

/** Unread messages of one channel ({@code space}, {@code nearby} or {@code conv:<id>}). */
public record UnreadCount(String channel, long count) {
}
