package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where each area's name label goes: at the area's top-left corner, moved left to stay on the map,
 * and moved down past any label already placed that it would cover (an area inside another often
 * shares its corner). Worked out once per map, in the map file's order.
 */
final class AreaLabels {
    static final double HEIGHT = 19;
    private static final double GAP = 2;

    /** A label's text and its box in map pixels. */
    record Placed(Area area, String text, double x, double y, double width) {
        boolean overlaps(double ox, double oy, double ow) {
            return ox < x + width && x < ox + ow && oy < y + HEIGHT && y < oy + HEIGHT;
        }
    }

    private AreaLabels() {
    }

    static List<Placed> place(List<Area> areas, double mapWidth, Function<Area, String> text) {
        List<Placed> placed = new ArrayList<>(areas.size());
        for (Area a : areas) {
            String label = text.apply(a);
            double width = width(label);
            double x = Math.max(0, Math.min(a.x() + 6, mapWidth - width - GAP));
            double y = a.y() + 5;
            // Each move goes below a label it covered, never to cover that one again: at most one
            // move per label placed before.
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Placed p : placed) {
                    if (p.overlaps(x, y, width)) {
                        y = p.y() + HEIGHT + GAP;
                        moved = true;
                    }
                }
            }
            placed.add(new Placed(a, label, x, y, width));
        }
        return List.copyOf(placed);
    }

    /** The label's width at the area font (13 px bold), estimated without measuring text. */
    static double width(String label) {
        return label.length() * 7.4 + 12;
    }
}
