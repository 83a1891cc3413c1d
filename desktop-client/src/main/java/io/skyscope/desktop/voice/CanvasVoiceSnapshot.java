package io.skyscope.desktop.voice;

import io.skyscope.desktop.video.VideoTile;
import java.util.Map;
import java.util.Set;

/**
 * What the office canvas shows of voice and video, readable from the render loop on any frame.
 *
 * @param hearingRadius how far I hear others, in map pixels; 0 when voice is not available
 * @param camera        who has their camera on (me included)
 * @param sharing       who shares their screen (me included)
 * @param bubbles       by user id, the cameras drawn beside the avatars of the people I talk to
 */
public record CanvasVoiceSnapshot(Set<String> speaking, Set<String> muted, double hearingRadius, Set<String> camera,
                                  Set<String> sharing, Map<String, VideoTile> bubbles) {
    public static final CanvasVoiceSnapshot NONE = new CanvasVoiceSnapshot(Set.of(), Set.of(), 0);

    public CanvasVoiceSnapshot {
        speaking = Set.copyOf(speaking);
        muted = Set.copyOf(muted);
        camera = Set.copyOf(camera);
        sharing = Set.copyOf(sharing);
        bubbles = Map.copyOf(bubbles);
    }

    /** Microphones only: no camera on, nobody sharing. */
    public CanvasVoiceSnapshot(Set<String> speaking, Set<String> muted, double hearingRadius) {
        this(speaking, muted, hearingRadius, Set.of(), Set.of(), Map.of());
    }

    public CanvasVoiceSnapshot withBubbles(Map<String, VideoTile> cameras) {
        return new CanvasVoiceSnapshot(speaking, muted, hearingRadius, camera, sharing, cameras);
    }
}
