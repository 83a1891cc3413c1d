package io.skyscope.map;

import java.util.BitSet;
import java.util.Collection;

/**
 * Which tiles of a map an avatar may stand on: the server judges moves with it, and the desktop
 * client walks and plans paths with the same grid, so what it predicts is what the server accepts.
 * Immutable; safe to share between threads.
 *
 * <p>Positions are pixels; tile {@code (tx, ty)} covers {@code [tx*tileSize, (tx+1)*tileSize)}
 * horizontally and likewise vertically. Everything outside the map counts as blocked.
 */
public final class CollisionGrid {
    /**
     * Two crossings of grid lines closer than this (in units of the segment's length) are treated
     * as one crossing through a tile corner; without it, rounding would let a segment aimed exactly
     * at a corner slip between two diagonal walls.
     */
    private static final double CORNER_EPSILON = 1e-9;

    private final int widthTiles;
    private final int heightTiles;
    private final int tileSize;
    private final BitSet blocked;

    /**
     * @param blocked bit {@code ty * widthTiles + tx} is set for a blocked tile; the set is copied
     */
    public CollisionGrid(int widthTiles, int heightTiles, int tileSize, BitSet blocked) {
        if (widthTiles < 1 || heightTiles < 1 || tileSize < 1) {
            throw new IllegalArgumentException("grid needs a positive size, got " + widthTiles + "x" + heightTiles
                    + " tiles of " + tileSize + " px");
        }
        this.widthTiles = widthTiles;
        this.heightTiles = heightTiles;
        this.tileSize = tileSize;
        this.blocked = (BitSet) blocked.clone();
    }

    public int widthTiles() {
        return widthTiles;
    }

    public int heightTiles() {
        return heightTiles;
    }

    public int tileSize() {
        return tileSize;
    }

    /** The pixel coordinate of the centre of tile column (or row) {@code t}. */
    public double centre(int t) {
        return t * (double) tileSize + tileSize / 2.0;
    }

    /** Whether tile {@code (tx, ty)} is blocked; tiles outside the map are. */
    public boolean blocked(int tx, int ty) {
        if (tx < 0 || ty < 0 || tx >= widthTiles || ty >= heightTiles) {
            return true;
        }
        return blocked.get(ty * widthTiles + tx);
    }

    /** Whether the tile under pixel position {@code (px, py)} is blocked; outside or non-finite is. */
    public boolean blockedAt(double px, double py) {
        if (!(Double.isFinite(px) && Double.isFinite(py))) {
            return true;
        }
        return blocked(tileOf(px), tileOf(py));
    }

    /** Whether an avatar may stand at {@code (px, py)}: inside the map and not on a blocked tile. */
    public boolean walkable(double px, double py) {
        return !blockedAt(px, py);
    }

    /**
     * Whether every tile the straight segment from {@code (x0, y0)} to {@code (x1, y1)} passes through
     * is walkable, both ends included.
     *
     * <p>Walks the exact sequence of tiles the segment crosses (Amanatides and Woo's grid traversal),
     * so a thin wall cannot be skipped the way sampling could skip it. Where the segment passes exactly
     * through a tile corner and both tiles beside that corner are blocked, the segment counts as blocked:
     * nobody squeezes through the gap between two diagonal walls.
     */
    public boolean segmentClear(double x0, double y0, double x1, double y1) {
        if (!walkable(x0, y0) || !walkable(x1, y1)) {
            return false;
        }
        int tx = tileOf(x0);
        int ty = tileOf(y0);
        int remainingX = Math.abs(tileOf(x1) - tx);
        int remainingY = Math.abs(tileOf(y1) - ty);
        double dx = x1 - x0;
        double dy = y1 - y0;
        int stepX = dx > 0 ? 1 : -1;
        int stepY = dy > 0 ? 1 : -1;
        // t runs from 0 at (x0, y0) to 1 at (x1, y1); tMax is where the next grid line is crossed.
        double tDeltaX = dx == 0 ? Double.POSITIVE_INFINITY : tileSize / Math.abs(dx);
        double tDeltaY = dy == 0 ? Double.POSITIVE_INFINITY : tileSize / Math.abs(dy);
        double tMaxX = dx == 0 ? Double.POSITIVE_INFINITY
                : (dx > 0 ? (tx + 1) * (double) tileSize - x0 : x0 - tx * (double) tileSize) / Math.abs(dx);
        double tMaxY = dy == 0 ? Double.POSITIVE_INFINITY
                : (dy > 0 ? (ty + 1) * (double) tileSize - y0 : y0 - ty * (double) tileSize) / Math.abs(dy);

        while (remainingX > 0 || remainingY > 0) {
            if (remainingY == 0 || (remainingX > 0 && tMaxX < tMaxY - CORNER_EPSILON)) {
                tx += stepX;
                tMaxX += tDeltaX;
                remainingX--;
            } else if (remainingX == 0 || tMaxY < tMaxX - CORNER_EPSILON) {
                ty += stepY;
                tMaxY += tDeltaY;
                remainingY--;
            } else {
                // Through a corner: the segment touches the two side tiles only at a point.
                if (blocked(tx + stepX, ty) && blocked(tx, ty + stepY)) {
                    return false;
                }
                tx += stepX;
                ty += stepY;
                tMaxX += tDeltaX;
                tMaxY += tDeltaY;
                remainingX--;
                remainingY--;
            }
            if (blocked(tx, ty)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This grid with every tile that {@code areas} overlap blocked as well: a client plans its
     * walks around meeting rooms that are locked to it. Returns this grid when there are none.
     */
    public CollisionGrid blocking(Collection<MapArea> areas) {
        if (areas.isEmpty()) {
            return this;
        }
        BitSet more = (BitSet) blocked.clone();
        for (MapArea a : areas) {
            int x0 = Math.max(0, tileOf(a.x()));
            int y0 = Math.max(0, tileOf(a.y()));
            int x1 = Math.min(widthTiles - 1, tileOf(Math.nextDown(a.x() + a.width())));
            int y1 = Math.min(heightTiles - 1, tileOf(Math.nextDown(a.y() + a.height())));
            for (int ty = y0; ty <= y1; ty++) {
                for (int tx = x0; tx <= x1; tx++) {
                    more.set(ty * widthTiles + tx);
                }
            }
        }
        return new CollisionGrid(widthTiles, heightTiles, tileSize, more);
    }

    /** The tile column (or row) of a pixel coordinate; far-away values are clamped, never wrapped. */
    public int tileOf(double pixel) {
        double tile = Math.floor(pixel / tileSize);
        // Clamp far-away values so the int cast cannot wrap into the map.
        return tile < -1 ? -1 : tile > Integer.MAX_VALUE - 1 ? Integer.MAX_VALUE - 1 : (int) tile;
    }
}
