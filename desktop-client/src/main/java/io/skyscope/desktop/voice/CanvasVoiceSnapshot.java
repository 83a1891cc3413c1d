package io.skyscope.desktop.voice;

import java.util.Set;

/**
 * What the office canvas shows of voice, readable from the render loop on any frame.
 *
 * @param hearingRadius how far I hear others, in map pixels; 0 when voice is not available
 */
public record CanvasVoiceSnapshot(Set<String> speaking, Set<String> muted, double hearingRadius) {
    public static final CanvasVoiceSnapshot NONE = new CanvasVoiceSnapshot(Set.of(), Set.of(), 0);

    public CanvasVoiceSnapshot {
        speaking = Set.copyOf(speaking);
        muted = Set.copyOf(muted);
    }
}
