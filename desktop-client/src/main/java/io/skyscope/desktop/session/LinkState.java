package io.skyscope.desktop.session;

import java.time.Duration;

/**
 * Where a {@link ReconnectingConnection} stands, for the banner that tells the user.
 *
 * @param retryIn when the next attempt is due (only while {@link Phase#RECONNECTING})
 * @param detail why the link is down, in words for people; null when online
 */
public record LinkState(Phase phase, String detail, Duration retryIn, int attempt) {

    public enum Phase {
        /** First attempt under way. */
        CONNECTING,
        /** In the space; moves and messages flow. */
        ONLINE,
        /** Lost; trying again after a pause. */
        RECONNECTING,
        /** Will not retry: signed out, replaced by another window, or closed by the user. */
        STOPPED
    }

    public static LinkState connecting() {
        return new LinkState(Phase.CONNECTING, null, Duration.ZERO, 0);
    }

    public static LinkState up() {
        return new LinkState(Phase.ONLINE, null, Duration.ZERO, 0);
    }

    public boolean isOnline() {
        return phase == Phase.ONLINE;
    }
}
