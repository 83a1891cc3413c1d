package io.skyscope.server.ws;

import io.skyscope.protocol.CloseCodes;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.space.SpaceExits;

/**
 * Takes users out of spaces on every node: publishes an {@code exit} line on the user's topic, and
 * the {@link SessionRegistry} of the node holding their connection closes it if it is in that
 * space ({@link CloseCodes#REMOVED}, {@link CloseCodes#KICKED} or {@link CloseCodes#BANNED}).
 * Closing takes the connection out of the space at once, so the others see them leave and their
 * voice links end. Called on HTTP threads; never blocks.
 */
public final class SpaceEjections implements SpaceExits {
    private final EventBus bus;

    public SpaceEjections(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void exit(String userId, String spaceId, Exit why) {
        bus.publish(EventBus.Topics.user(userId), SessionRegistry.EXIT + spaceId + " " + why.name());
    }
}
