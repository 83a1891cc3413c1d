package io.skyscope.protocol.rest;

/** {@code POST /api/v1/conversations/{convId}/participants}: invite a member of the space to a group. */
public record ParticipantAdd(String userId) {
}
