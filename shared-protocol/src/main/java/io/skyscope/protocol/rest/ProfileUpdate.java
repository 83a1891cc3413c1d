package io.skyscope.protocol.rest;

import io.skyscope.protocol.Status;

/**
 * {@code PATCH /api/v1/me}. A null field is left unchanged; an empty {@code statusText} clears it.
 */
public record ProfileUpdate(String displayName, String avatar, Status status, String statusText) {
}
