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
}
