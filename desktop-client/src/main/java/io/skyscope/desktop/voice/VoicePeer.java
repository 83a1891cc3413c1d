package io.skyscope.desktop.voice;

/**
 * Someone I have a voice link with, as the voice bar lists them.
 *
 * @param state    how the link stands, in words ("connected", "connecting…", "failed")
 * @param reason   why the server linked us: proximity, room or stage
 * @param level    how loud their voice arrives, 0 (silence) to 1
 * @param volume   my volume for them, 0 to 2 (1 = as they are)
 * @param hearsMe  whether they hear me over this link right now
 */
public record VoicePeer(String userId, String name, String state, String reason, boolean connected, boolean speaking,
                        boolean muted, double level, double volume, boolean hearsMe) {
}
