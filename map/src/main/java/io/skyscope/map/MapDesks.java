package io.skyscope.map;

import static io.skyscope.map.JsonFields.invalid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the desks of a map once its walls are known, and finds each desk's seat. A desk must lie
 * inside the map, have a unique name of at most {@value MapDesk#MAX_NAME} characters, and have
 * somewhere to sit: its centre is walkable (a desk drawn as a point on the floor, or an area of
 * floor), or a walkable tile touches its rectangle (the chair in front of a desk of blocked tiles).
 * The seat is the centre if walkable, else the centre of the touching walkable tile nearest the
 * desk's centre; where several are as near, the first found going north, south, west, east
 * (so a row of desks facing a row of chairs sits on the chairs, not in the aisle at its end).
 */
final class MapDesks {
    /** Most desks a map may mark. */
    static final int MAX_DESKS = 2_000;

    /** A desk as read from the object layer, before its seat is known. */
    record Raw(String name, double x, double y, double width, double height, String context) {
    }

    private MapDesks() {
    }

    static List<MapDesk> seat(List<Raw> raws, CollisionGrid grid) {
        if (raws.size() > MAX_DESKS) {
            throw new MapValidationException("map marks " + raws.size() + " desks; at most " + MAX_DESKS + " are allowed");
        }
        Set<String> names = new HashSet<>();
        List<MapDesk> desks = new ArrayList<>();
        for (Raw raw : raws) {
            if (raw.name().isEmpty()) {
                throw invalid(raw.context(), "needs a name");
            }
            if (raw.name().length() > MapDesk.MAX_NAME) {
                throw invalid(raw.context(), "name is " + raw.name().length() + " characters; at most "
                        + MapDesk.MAX_NAME + " are allowed");
            }
            if (!names.add(raw.name())) {
                throw invalid(raw.context(), "the name '" + raw.name() + "' is used by another desk");
            }
            Point seat = seat(raw, grid);
            if (seat == null) {
                throw invalid(raw.context(), "has nowhere to sit: its centre is blocked and no walkable tile touches it");
            }
            desks.add(new MapDesk(raw.name(), raw.x(), raw.y(), raw.width(), raw.height(), seat));
        }
        return List.copyOf(desks);
    }

    private static Point seat(Raw raw, CollisionGrid grid) {
        double cx = raw.x() + raw.width() / 2;
        double cy = raw.y() + raw.height() / 2;
        if (grid.walkable(cx, cy)) {
            return new Point(cx, cy);
        }
        int tile = grid.tileSize();
        int x0 = (int) Math.floor(raw.x() / tile);
        int y0 = (int) Math.floor(raw.y() / tile);
        // A point, or a rectangle ending on a tile edge, covers the tiles up to the one before it.
        int x1 = Math.max(x0, (int) Math.ceil((raw.x() + raw.width()) / tile) - 1);
        int y1 = Math.max(y0, (int) Math.ceil((raw.y() + raw.height()) / tile) - 1);
        List<int[]> ring = new ArrayList<>();
        for (int x = x0; x <= x1; x++) {
            ring.add(new int[] {x, y0 - 1});
        }
        for (int x = x0; x <= x1; x++) {
            ring.add(new int[] {x, y1 + 1});
        }
        for (int y = y0; y <= y1; y++) {
            ring.add(new int[] {x0 - 1, y});
        }
        for (int y = y0; y <= y1; y++) {
            ring.add(new int[] {x1 + 1, y});
        }
        Point best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int[] t : ring) {
            if (grid.blocked(t[0], t[1])) {
                continue;
            }
            double px = grid.centre(t[0]);
            double py = grid.centre(t[1]);
            double distance = Math.hypot(px - cx, py - cy);
            if (distance < bestDistance - 1e-9) {
                best = new Point(px, py);
                bestDistance = distance;
            }
        }
        return best;
    }
}
