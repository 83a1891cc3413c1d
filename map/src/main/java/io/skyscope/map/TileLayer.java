package io.skyscope.map;

/**
 * A tile layer as clients draw it: one Tiled global tile id per cell, row by row, flip flags kept in
 * the high bits (see {@link Tileset#FLIP_MASK}). Layers inside groups are flattened in drawing
 * order, a layer in a hidden group is hidden. The array is never handed out, so the layer stays
 * immutable.
 *
 * <p>Collision does not depend on {@link #visible()} or {@link #opacity()}: a hidden layer's walls
 * still block, as the server judges them.
 */
public final class TileLayer {
    private final String name;
    private final int width;
    private final int height;
    private final int[] gids;
    private final double opacity;
    private final boolean visible;

    public TileLayer(String name, int width, int height, int[] gids, double opacity, boolean visible) {
        if (gids.length != width * height) {
            throw new IllegalArgumentException("layer '" + name + "' has " + gids.length + " cells, expected "
                    + width * height);
        }
        this.name = name;
        this.width = width;
        this.height = height;
        this.gids = gids.clone();
        this.opacity = opacity;
        this.visible = visible;
    }

    public String name() {
        return name;
    }

    public double opacity() {
        return opacity;
    }

    public boolean visible() {
        return visible;
    }

    /** The raw global id at a cell (flip flags included), 0 for empty or outside. */
    public int gid(int tx, int ty) {
        if (tx < 0 || ty < 0 || tx >= width || ty >= height) {
            return 0;
        }
        return gids[ty * width + tx];
    }
}
