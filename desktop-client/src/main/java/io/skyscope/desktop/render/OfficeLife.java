package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import java.util.List;
import java.util.Map;

/**
 * What a frame shows of office life, immutable: the meeting rooms locked now, and the reactions
 * shown above avatars.
 *
 * @param lockedRooms the map areas of the locked meeting rooms
 * @param reactions   by user id, the emoji shown above their avatar now
 */
public record OfficeLife(List<Area> lockedRooms, Map<String, String> reactions) {
    public static final OfficeLife NONE = new OfficeLife(List.of(), Map.of());

    public OfficeLife {
        lockedRooms = List.copyOf(lockedRooms);
        reactions = Map.copyOf(reactions);
    }
}
