package io.skyscope.protocol.rest;

/** One member of a space; {@code role} is "owner", "admin" or "member". */
public record MemberView(String userId, String displayName, String role) {
}
