package io.skyscope.desktop.map;

/**
 * A tile layer: one Tiled global tile id per cell, row by row, flip flags kept in the high bits
 * (see {@link Tileset#FLIP_MASK}). The array is never handed out, so the layer stays immutable.
 */
public final class TileLayer {
    private final String name;
    private final int width;
    private final int height;
    private final int[] gids;
    private final double opacity;

    public TileLayer(String name, int width, int height, int[] gids, double opacity) {
        if (gids.length != width * height) {
            throw new IllegalArgumentException("layer '" + name + "' has " + gids.length + " cells, expected "
                    + width * height);
        }
        this.name = name;
        this.width = width;
        this.height = height;
        this.gids = gids.clone();
        this.opacity = opacity;
    }

    public String name() {
        return name;
    }

    public double opacity() {
        return opacity;
    }

    /** The raw global id at a cell (flip flags included), 0 for empty or outside. */
    public int gid(int tx, int ty) {
        if (tx < 0 || ty < 0 || tx >= width || ty >= height) {
            return 0;
        }
        return gids[ty * width + tx];
    }
}
