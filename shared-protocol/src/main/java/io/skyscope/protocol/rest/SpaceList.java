package io.skyscope.protocol.rest;

import java.util.List;

/**
 * {@code GET /api/v1/spaces}: public spaces and the private ones the caller belongs to, oldest
 * first, a page at a time. Pass {@code nextAfter} as {@code after} for the next page; it is null
 * when there is nothing more.
 */
public record SpaceList(List<SpaceView> spaces, String nextAfter) {
}
