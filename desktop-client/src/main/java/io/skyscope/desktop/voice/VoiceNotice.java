package io.skyscope.desktop.voice;

/**
 * Something about voice the user should know once: someone came into hearing range (shown as a
 * notice over the office), or something failed (shown in a dialog that says what to do).
 *
 * @param seq counts notices, so the same text twice is still two notices
 */
public record VoiceNotice(String headline, String text, boolean error, long seq) {
}
