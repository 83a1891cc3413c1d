package io.skyscope.client.voice;

import io.skyscope.client.video.VideoKind;

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

    /**
     * Someone's camera or screen share started ({@code flowing}: frames arrive) or stopped
     * arriving (turned off, taken off the link, or stalled for two seconds). The link's
     * {@link LinkState#video()} says which, in the {@link #linkChanged} that follows.
     */
    default void videoChanged(String peerId, VideoKind kind, boolean flowing) {
    }

    /**
     * Something went wrong with video, said for the user: my camera cannot be opened or was
     * unplugged, a share failed, a link could not take my picture. Calls go on with voice.
     */
    default void videoProblem(String message) {
    }
}
