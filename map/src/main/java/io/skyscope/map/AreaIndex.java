package io.skyscope.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which map area a point is in, asked for every accepted move: a uniform grid over the areas'
 * bounding box, each cell holding the areas that overlap it, smallest first. A look-up reads one
 * cell, so its cost does not grow with the number of areas on the map (a large office has hundreds
 * of rooms; a scan of all of them on every step was the cost that grew).
 *
 * <p>Where areas overlap (a silent booth inside a meeting room, say), the smallest one wins, as it
 * is the innermost; among equally large ones, the first in the file. Immutable and safe to share
 * between threads.
 */
public final class AreaIndex {
    /** At most this many cells, whatever the map: 65,536 cells of 8 bytes (a reference each). */
    private static final int MAX_CELLS = 1 << 16;
    private static final MapArea[] NONE = {};

    private final double minX;
    private final double minY;
    private final double cellSize;
    private final int cols;
    private final int rows;
    private final MapArea[][] cells;

    public AreaIndex(List<MapArea> areas) {
        List<MapArea> smallestFirst = new ArrayList<>(areas);
        // A stable sort: equally large areas keep their file order.
        smallestFirst.sort(Comparator.comparingDouble(MapArea::size));
        if (smallestFirst.isEmpty()) {
            minX = 0;
            minY = 0;
            cellSize = 1;
            cols = 0;
            rows = 0;
            cells = new MapArea[0][];
            return;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        double[] shortSides = new double[smallestFirst.size()];
        for (int i = 0; i < shortSides.length; i++) {
            MapArea a = smallestFirst.get(i);
            x0 = Math.min(x0, a.x());
            y0 = Math.min(y0, a.y());
            x1 = Math.max(x1, a.x() + a.width());
            y1 = Math.max(y1, a.y() + a.height());
            shortSides[i] = Math.min(a.width(), a.height());
        }
        Arrays.sort(shortSides);
        minX = x0;
        minY = y0;
        // Cells about as large as a typical area's short side, so that most areas cover a few
        // cells and most cells hold one or two areas; larger when the map would need too many.
        cellSize = Math.max(shortSides[shortSides.length / 2], Math.sqrt((x1 - x0) * (y1 - y0) / MAX_CELLS));
        cols = (int) ((x1 - x0) / cellSize) + 1;
        rows = (int) ((y1 - y0) / cellSize) + 1;
        List<List<MapArea>> building = new ArrayList<>(cols * rows);
        for (int i = 0; i < cols * rows; i++) {
            building.add(null);
        }
        for (MapArea a : smallestFirst) {
            int firstCol = col(a.x());
            int lastCol = col(a.x() + a.width());
            int lastRow = row(a.y() + a.height());
            for (int r = row(a.y()); r <= lastRow; r++) {
                for (int c = firstCol; c <= lastCol; c++) {
                    int cell = r * cols + c;
                    if (building.get(cell) == null) {
                        building.set(cell, new ArrayList<>(2));
                    }
                    building.get(cell).add(a);
                }
            }
        }
        cells = new MapArea[cols * rows][];
        for (int i = 0; i < cells.length; i++) {
            List<MapArea> inCell = building.get(i);
            cells[i] = inCell == null ? NONE : inCell.toArray(NONE);
        }
    }

    /** The innermost area at (x, y), or null where there is none. */
    public MapArea areaAt(double x, double y) {
        if (!(x >= minX && y >= minY)) {
            return null;
        }
        int c = (int) ((x - minX) / cellSize);
        int r = (int) ((y - minY) / cellSize);
        if (c >= cols || r >= rows) {
            return null;
        }
        for (MapArea a : cells[r * cols + c]) {
            if (a.contains(x, y)) {
                return a;
            }
        }
        return null;
    }

    private int col(double x) {
        return Math.min(cols - 1, (int) ((x - minX) / cellSize));
    }

    private int row(double y) {
        return Math.min(rows - 1, (int) ((y - minY) / cellSize));
    }
}
