package io.skyscope.desktop.map;

import java.util.Set;

/**
 * An embedded Tiled tileset: which global ids it owns, where each tile sits in its image, and which
 * of its tiles block walking (bool property {@code collides}).
 */
public record Tileset(String name, int firstGid, int tileCount, int columns, int tileWidth, int tileHeight,
                      int margin, int spacing, String image, Set<Integer> collidingTiles) {

    /** Tiled stores horizontal, vertical and diagonal flips (and a hex rotation bit) in the top bits. */
    public static final int FLIP_MASK = 0xF0000000;
    public static final int FLIPPED_HORIZONTALLY = 0x80000000;
    public static final int FLIPPED_VERTICALLY = 0x40000000;
    public static final int FLIPPED_DIAGONALLY = 0x20000000;

    public Tileset {
        collidingTiles = Set.copyOf(collidingTiles);
    }

    /** The global id without its flip flags. */
    public static int plainGid(int gid) {
        return gid & ~FLIP_MASK;
    }

    public boolean owns(int plainGid) {
        return plainGid >= firstGid && plainGid < firstGid + tileCount;
    }

    public boolean collides(int plainGid) {
        return collidingTiles.contains(plainGid - firstGid);
    }

    /** Left edge of a tile in the tileset image. */
    public int sourceX(int plainGid) {
        int local = plainGid - firstGid;
        return margin + (local % columns) * (tileWidth + spacing);
    }

    /** Top edge of a tile in the tileset image. */
    public int sourceY(int plainGid) {
        int local = plainGid - firstGid;
        return margin + (local / columns) * (tileHeight + spacing);
    }
}
