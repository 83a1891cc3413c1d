package io.skyscope.server.world;

import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A question about who is in a space, answered by the space's owner from its own positions; a
 * record, so it can travel to the owner's node.
 *
 * <p>{@link Kind#NEARBY}: someone standing in a closed room (a meeting room or a silent zone)
 * reaches everyone in that room and nobody outside it; anyone else reaches the people within the
 * space's hearing radius (voice's join radius, uncapped) who are not inside such a room. The user
 * asked about is always included.
 *
 * <p>{@link Kind#ROOM}: the people standing in the meeting room named {@code area} right now
 * (nobody if the map has no such meeting room).
 *
 * <p>{@link Kind#WHERE}: where the user asked about stands, as three strings: x, y and the name of
 * the map area there (empty if none); nothing if they are not in the space. For the Following list.
 */
public record PeopleQuery(Kind kind, String userId, String area) {

    public enum Kind { PRESENT, NEARBY, ROOM, WHERE }

    public static PeopleQuery present() {
        return new PeopleQuery(Kind.PRESENT, null, null);
    }

    public static PeopleQuery nearby(String userId) {
        return new PeopleQuery(Kind.NEARBY, userId, null);
    }

    public static PeopleQuery room(String area) {
        return new PeopleQuery(Kind.ROOM, null, area);
    }

    public static PeopleQuery where(String userId) {
        return new PeopleQuery(Kind.WHERE, userId, null);
    }

    /** The answer; run on the owner's thread. */
    public List<String> apply(SpaceState state) {
        return switch (kind) {
            case PRESENT -> state.userIds();
            case NEARBY -> nearby(state, userId, state.voiceSettings().joinRadius());
            case ROOM -> state.inMeetingRoom(area);
            case WHERE -> state.positionOf(userId).map(at -> List.of(String.valueOf(at[0]), String.valueOf(at[1]),
                    state.areaOf(userId).map(MapArea::name).orElse(""))).orElse(List.of());
        };
    }

    /** What the owner answers while nobody is known to be there. */
    public List<String> nobody() {
        return kind == Kind.NEARBY ? List.of(userId) : List.of();
    }

    public static List<String> nearby(SpaceState state, String userId, double radius) {
        Optional<MapArea> room = state.areaOf(userId).filter(PeopleQuery::closed);
        List<String> result = new ArrayList<>();
        result.add(userId);
        if (room.isPresent()) {
            state.inArea(room.get()).stream().filter(id -> !id.equals(userId)).forEach(result::add);
        } else {
            for (String id : state.within(userId, radius)) {
                if (state.areaOf(id).filter(PeopleQuery::closed).isEmpty()) {
                    result.add(id);
                }
            }
        }
        return result;
    }

    private static boolean closed(MapArea area) {
        return area.kind() == AreaKind.MEETING_ROOM || area.kind() == AreaKind.SILENT_ZONE;
    }
}
