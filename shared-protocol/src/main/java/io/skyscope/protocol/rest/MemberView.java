package io.skyscope.protocol.rest;

/** One member of a space; {@code role} is "owner", "admin", "member" or "guest" (joined by a guest link). */
public record MemberView(String userId, String displayName, String role) {
}
