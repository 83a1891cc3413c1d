package io.skyscope.protocol.rest;

import java.util.List;

/** {@code GET /api/v1/spaces}: public spaces and the private ones the caller belongs to. */
public record SpaceList(List<SpaceView> spaces) {
}
