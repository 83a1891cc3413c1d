package io.skyscope.desktop.map;

import java.util.BitSet;

/**
 * Which tiles an avatar may stand on, as the server judges it: a tile is blocked when any layer's
 * tile there has {@code collides}; everything outside the map is blocked. Immutable.
 */
public final class CollisionGrid {
    private final int width;
    private final int height;
    private final int tileSize;
    private final BitSet blocked;

    public CollisionGrid(int width, int height, int tileSize, BitSet blocked) {
        this.width = width;
        this.height = height;
        this.tileSize = tileSize;
        this.blocked = (BitSet) blocked.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int tileSize() {
        return tileSize;
    }

    public boolean blocked(int tx, int ty) {
        return tx < 0 || ty < 0 || tx >= width || ty >= height || blocked.get(ty * width + tx);
    }

    public int tileOf(double px) {
        return (int) Math.floor(px / tileSize);
    }

    /** Whether an avatar may stand at this pixel position. */
    public boolean walkable(double px, double py) {
        return Double.isFinite(px) && Double.isFinite(py) && !blocked(tileOf(px), tileOf(py));
    }

    /** The pixel centre of a tile. */
    public double centre(int t) {
        return t * (double) tileSize + tileSize / 2.0;
    }

    /**
     * Whether a straight walk stays on walkable tiles, sampled every quarter tile (the walker
     * only ever takes short steps, so a quarter tile cannot jump a wall).
     */
    public boolean segmentClear(double x0, double y0, double x1, double y1) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(length / (tileSize / 4.0)));
        for (int i = 0; i <= steps; i++) {
            double t = i / (double) steps;
            if (!walkable(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)) {
                return false;
            }
        }
        return true;
    }
}
