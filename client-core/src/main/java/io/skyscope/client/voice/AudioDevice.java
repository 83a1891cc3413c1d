package io.skyscope.client.voice;

/**
 * A microphone or a speaker the user can pick.
 *
 * @param id        stable identifier to store in settings and pass back to {@link AudioBackend}
 * @param name      what to show the user
 * @param input     true for a microphone, false for a speaker
 * @param isDefault whether this is the system's default device
 */
public record AudioDevice(String id, String name, boolean input, boolean isDefault) {
    /** The id of {@link #none}. */
    public static final String NONE_ID = "none";

    /**
     * No device: given as the microphone, the engine sends silence (nobody hears me); as the
     * speaker, it plays nowhere (I hear nobody). Links are made all the same, so a computer
     * without a sound card still takes part in calls.
     */
    public static AudioDevice none(boolean input) {
        return new AudioDevice(NONE_ID, input ? "No microphone" : "No speaker", input, false);
    }

    public boolean isNone() {
        return NONE_ID.equals(id);
    }
}
