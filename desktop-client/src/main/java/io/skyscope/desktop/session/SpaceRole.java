package io.skyscope.desktop.session;

import io.skyscope.protocol.rest.SpaceView;

/**
 * What the signed-in person is in a space, from the server's answer to {@code GET
 * /api/v1/spaces/{id}} ({@code myRole}). The one place the desktop decides someone is a guest: the
 * server refuses a guest everything beyond their one space (docs/protocol.md, Guests), so the app
 * hides what would only be refused.
 */
public final class SpaceRole {
    /** The role of someone who joined by a guest link. */
    public static final String GUEST = "guest";

    private SpaceRole() {
    }

    /** Whether I am a guest in {@code space}. */
    public static boolean isGuest(SpaceView space) {
        return space != null && GUEST.equals(space.myRole());
    }
}
