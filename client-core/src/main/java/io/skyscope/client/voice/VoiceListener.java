package io.skyscope.client.voice;

/**
 * Voice events for a UI or a bot. Called on the engine's control thread, in order; implementations
 * must return quickly and must not call back into the engine synchronously.
 */
public interface VoiceListener {

    /** A link was created, changed state, or closed. */
    default void linkChanged(LinkState link) {
    }

    /** Someone's voice link came up: they can hear me and I can hear them. The engine chimes. */
    default void enteredHearingRange(String peerId) {
    }

    /** Someone's voice link went down. */
    default void leftHearingRange(String peerId) {
    }

    /** Someone (or I, with {@code userId} null) started or stopped speaking. */
    default void speakingChanged(String userId, boolean speaking) {
    }
}
