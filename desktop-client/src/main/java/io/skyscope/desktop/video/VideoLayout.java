package io.skyscope.desktop.video;

import io.skyscope.client.video.VideoKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each stream that reaches me is shown: cameras of the people I talk to in open space as
 * bubbles beside their avatars, cameras in a meeting room in a strip above the map, and one stream
 * large over the map: the one I clicked, else a screen share I have not closed. A screen share that
 * is not the large one waits in the strip, where a click brings it up. Pure.
 *
 * @param bubbles by user id: cameras drawn beside avatars
 * @param strip   tiles in the strip above the map, in the order given
 * @param large   the stream shown large, or null
 */
public record VideoLayout(Map<String, VideoTile> bubbles, List<VideoTile> strip, VideoTile large) {
    public static final VideoLayout NONE = new VideoLayout(Map.of(), List.of(), null);

    public VideoLayout {
        bubbles = Map.copyOf(bubbles);
        strip = List.copyOf(strip);
    }

    /**
     * @param tiles     the streams that reach me, screen shares first in the order they should win
     * @param enlarged  the stream I clicked to see large, or null
     * @param closed    screen shares whose large view I closed
     */
    public static VideoLayout of(List<VideoTile> tiles, VideoTile.Key enlarged, Set<VideoTile.Key> closed) {
        VideoTile large = tiles.stream().filter(t -> t.key().equals(enlarged)).findFirst()
                .or(() -> tiles.stream().filter(t -> t.kind() == VideoKind.SCREEN && !closed.contains(t.key())).findFirst())
                .orElse(null);
        Map<String, VideoTile> bubbles = new LinkedHashMap<>();
        List<VideoTile> strip = new ArrayList<>();
        for (VideoTile t : tiles) {
            if (t.kind() == VideoKind.CAMERA && !t.room()) {
                bubbles.put(t.peerId(), t);
            } else if (t != large) {
                strip.add(t);
            }
        }
        return new VideoLayout(bubbles, strip, large);
    }

    public boolean isEmpty() {
        return bubbles.isEmpty() && strip.isEmpty() && large == null;
    }
}
