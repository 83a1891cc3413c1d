package io.skyscope.server.world.proximity;

/**
 * What the proximity engine tells one user of their warm links ({@link WarmLinks}), beside the
 * {@link VoiceEvent}s of their voice set, which these never change.
 */
public sealed interface WarmEvent {

    String userId();

    /**
     * {@code peerId} is near {@code userId}: set up the connection now, with no audio either way.
     * Exactly one of the two events of a pair has {@code offerer} set, the same side as for the
     * pair's {@link VoiceEvent.Joined}: the one whose user id sorts first.
     */
    record Warm(String userId, String peerId, boolean offerer) implements WarmEvent {
    }

    /** {@code peerId} is no longer warm for {@code userId}: close the connection unless it is a call. */
    record Cool(String userId, String peerId) implements WarmEvent {
    }
}
