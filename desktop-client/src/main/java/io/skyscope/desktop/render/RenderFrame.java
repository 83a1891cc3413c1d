package io.skyscope.desktop.render;

import io.skyscope.map.PathFinder;
import java.util.List;

/**
 * Everything one frame of the office shows, immutable, built by the render loop from the world
 * snapshot and the local walker; the renderer draws nothing else.
 *
 * @param hearingRadius radius of the hearing range around me in map pixels, or 0 for none
 * @param path          the waypoints I am walking to (click to walk), possibly empty
 */
public record RenderFrame(Camera camera, List<AvatarView> avatars, double hearingRadius,
                          List<PathFinder.Point> path, boolean dark) {

    public RenderFrame {
        avatars = List.copyOf(avatars);
        path = List.copyOf(path);
    }
}
