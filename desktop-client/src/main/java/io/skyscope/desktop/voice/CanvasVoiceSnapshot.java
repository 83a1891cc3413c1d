package io.skyscope.desktop.voice;

import java.util.Set;

/**
 * What the office canvas shows of voice and video, readable from the render loop on any frame.
 *
 * @param hearingRadius how far I hear others, in map pixels; 0 when voice is not available
 * @param camera        who has their camera on (me included)
 * @param sharing       who shares their screen (me included)
 */
public record CanvasVoiceSnapshot(Set<String> speaking, Set<String> muted, double hearingRadius, Set<String> camera,
                                  Set<String> sharing) {
    public static final CanvasVoiceSnapshot NONE = new CanvasVoiceSnapshot(Set.of(), Set.of(), 0);

    public CanvasVoiceSnapshot {
        speaking = Set.copyOf(speaking);
        muted = Set.copyOf(muted);
        camera = Set.copyOf(camera);
        sharing = Set.copyOf(sharing);
    }

    /** Microphones only: no camera on, nobody sharing. */
    public CanvasVoiceSnapshot(Set<String> speaking, Set<String> muted, double hearingRadius) {
        this(speaking, muted, hearingRadius, Set.of(), Set.of());
    }
}
