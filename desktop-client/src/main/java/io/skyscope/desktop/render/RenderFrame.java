package io.skyscope.desktop.render;

import io.skyscope.desktop.video.VideoTile;
import io.skyscope.map.PathFinder;
import java.util.List;
import java.util.Map;

/**
 * Everything one frame of the office shows, immutable, built by the render loop from the world
 * snapshot and the local walker; the renderer draws nothing else.
 *
 * @param hearingRadius radius of the hearing range around me in map pixels, or 0 for none
 * @param path          the waypoints I am walking to (click to walk), possibly empty
 * @param bubbles       by user id, camera pictures drawn beside avatars
 * @param life          locked rooms and reactions
 */
public record RenderFrame(Camera camera, List<AvatarView> avatars, double hearingRadius,
                          List<PathFinder.Point> path, boolean dark, Map<String, VideoTile> bubbles,
                          OfficeLife life) {

    public RenderFrame {
        avatars = List.copyOf(avatars);
        path = List.copyOf(path);
        bubbles = Map.copyOf(bubbles);
        life = life == null ? OfficeLife.NONE : life;
    }

    /** A frame with nothing locked and no reactions. */
    public RenderFrame(Camera camera, List<AvatarView> avatars, double hearingRadius, List<PathFinder.Point> path,
                       boolean dark, Map<String, VideoTile> bubbles) {
        this(camera, avatars, hearingRadius, path, dark, bubbles, OfficeLife.NONE);
    }

    /** A frame without video. */
    public RenderFrame(Camera camera, List<AvatarView> avatars, double hearingRadius, List<PathFinder.Point> path,
                       boolean dark) {
        this(camera, avatars, hearingRadius, path, dark, Map.of());
    }
}
