package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import java.util.List;
import java.util.Map;

/**
 * What a frame shows of office life, immutable: the meeting rooms locked now, the reactions
 * shown above avatars, and the name plates of held desks.
 *
 * @param lockedRooms the map areas of the locked meeting rooms
 * @param reactions   by user id, the emoji shown above their avatar now
 * @param plates      the held desks with their holders
 */
public record OfficeLife(List<Area> lockedRooms, Map<String, String> reactions, List<DeskPlate> plates) {
    public static final OfficeLife NONE = new OfficeLife(List.of(), Map.of(), List.of());

    public OfficeLife {
        lockedRooms = List.copyOf(lockedRooms);
        reactions = Map.copyOf(reactions);
        plates = List.copyOf(plates);
    }
}
