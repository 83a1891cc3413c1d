package io.skyscope.protocol.rest;

/**
 * {@code PUT /api/v1/spaces/{spaceId}/members/{userId}}. Setting "owner" hands the space over:
 * the previous owner becomes an admin.
 */
public record RoleChange(String role) {
}
