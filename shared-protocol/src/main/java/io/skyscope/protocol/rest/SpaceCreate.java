package io.skyscope.protocol.rest;

/** {@code POST /api/v1/spaces}. {@code visibility} is "public" or "private"; null means public. */
public record SpaceCreate(String name, String visibility) {
}
