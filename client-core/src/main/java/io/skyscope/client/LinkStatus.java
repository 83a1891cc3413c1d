package io.skyscope.client;

import io.skyscope.protocol.CloseCodes;
import java.time.Duration;

/**
 * Where a {@link Session}'s link to its space stands, with what a person needs to be told: why it
 * is down, when the next attempt is due and which one it is, or why it stopped for good.
 *
 * @param reason  why the link is down or stopped, in words for people; null while connecting or online
 * @param retryIn when the next attempt is due (only while {@link Session.State#RECONNECTING})
 * @param attempt the number of the next attempt since the link was lost (0 unless reconnecting)
 */
public record LinkStatus(Session.State state, String reason, Duration retryIn, int attempt) {
    public static final LinkStatus CONNECTING = new LinkStatus(Session.State.CONNECTING, null, Duration.ZERO, 0);
    static final LinkStatus ONLINE = new LinkStatus(Session.State.ONLINE, null, Duration.ZERO, 0);
    static final String SIGN_IN_AGAIN = "Your session has ended. Sign in again to continue.";

    public boolean isOnline() {
        return state == Session.State.ONLINE;
    }

    static LinkStatus reconnecting(String reason, Duration retryIn, int attempt) {
        return new LinkStatus(Session.State.RECONNECTING, reason, retryIn, attempt);
    }

    static LinkStatus closed(String reason) {
        return new LinkStatus(Session.State.CLOSED, reason, Duration.ZERO, 0);
    }

    /**
     * What to tell the user when the server closed the connection for good with {@code code}, or
     * null when reconnecting may help (a network failure, a restart, an expired token).
     */
    static String finalMessage(int code) {
        return switch (code) {
            case CloseCodes.REPLACED -> "You opened this space in another window, so this one was disconnected.";
            case CloseCodes.SIGNED_OUT -> "Your account was signed out. Sign in again to continue.";
            case CloseCodes.KICKED -> "An admin removed you from this space.";
            case CloseCodes.BANNED -> "You were banned from this space.";
            case CloseCodes.REMOVED -> "You are no longer a member of this space.";
            case CloseCodes.UNSUPPORTED_PROTOCOL -> "This app is too old for the server. Update it to continue.";
            default -> null;
        };
    }

    /** Why a connection closed, in words: the server's reason, or the code. */
    static String describe(Connection.Closed how) {
        return how.reason() == null || how.reason().isBlank() ? "the connection closed (" + how.code() + ")"
                : how.reason();
    }
}
