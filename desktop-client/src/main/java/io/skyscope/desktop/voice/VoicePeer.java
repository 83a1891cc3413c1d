package io.skyscope.desktop.voice;

/**
 * Someone I am connected to by voice.
 *
 * @param volume my volume for them, 0..2 (1 = as received)
 * @param state  how the connection to them stands, in words ("connected", "connecting…")
 */
public record VoicePeer(String userId, String name, double volume, boolean speaking, boolean muted, String state) {
}
