package io.skyscope.protocol.media;

/** The {@code reason}s of {@code media.leave} that clients act on. */
public final class MediaReasons {
    /**
     * The media server stopped answering: the room is gone with it, direct links take over where
     * they reach, and a new {@code media.join} follows once it answers again.
     */
    public static final String MEDIA_UNAVAILABLE = "media_unavailable";

    private MediaReasons() {
    }
}
