package io.skyscope.protocol.rest;

/**
 * A space as the caller sees it. {@code myRole} is "owner", "admin" or "member", or null (absent
 * in JSON) when the caller is not a member of this public space.
 */
public record SpaceView(String id, String name, String visibility, String ownerId, String mapId, int mapVersion,
                        String myRole) {
}
