package io.skyscope.server.world.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A map being drawn in code: three grids of {@link OfficeTile}s (floor, furniture, walls) and a list
 * of objects. Tile ranges are inclusive. Walls are recorded as present or absent and get their
 * connected tile ({@link OfficeTile#wall(int)}) only at the end, so a later door simply removes one.
 */
final class OfficePlan {
    /** A Tiled object in tile units; {@code x1}/{@code y1} are inclusive. */
    record PlanObject(String type, String name, int x0, int y0, int x1, int y1, Map<String, Object> properties) {
    }

    final int width;
    final int height;
    private final OfficeTile[] floor;
    private final OfficeTile[] furniture;
    private final boolean[] wall;
    private final OfficeTile[] wallDecor;
    private final List<PlanObject> objects = new ArrayList<>();

    OfficePlan(int width, int height) {
        this.width = width;
        this.height = height;
        floor = new OfficeTile[width * height];
        furniture = new OfficeTile[width * height];
        wall = new boolean[width * height];
        wallDecor = new OfficeTile[width * height];
    }

    void floor(int x0, int y0, int x1, int y1, OfficeTile tile) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                floor[index(x, y)] = tile;
            }
        }
    }

    void walls(int x0, int y0, int x1, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                wall[index(x, y)] = true;
            }
        }
    }

    void wallOutline(int x0, int y0, int x1, int y1) {
        walls(x0, y0, x1, y0);
        walls(x0, y1, x1, y1);
        walls(x0, y0, x0, y1);
        walls(x1, y0, x1, y1);
    }

    /** Removes walls and lays {@code floorTile} in the gap. */
    void opening(int x0, int y0, int x1, int y1, OfficeTile floorTile) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                wall[index(x, y)] = false;
                wallDecor[index(x, y)] = null;
                floor[index(x, y)] = floorTile;
            }
        }
    }

    /** Hangs something on a wall; checked by {@link #wallGids()}: it needs a straight east-west wall. */
    void onWall(int x, int y, OfficeTile decor) {
        wallDecor[index(x, y)] = decor;
    }

    void put(int x, int y, OfficeTile tile) {
        if (furniture[index(x, y)] != null || wall[index(x, y)]) {
            throw new IllegalStateException("(" + x + ", " + y + ") is taken by "
                    + (wall[index(x, y)] ? "a wall" : furniture[index(x, y)]));
        }
        furniture[index(x, y)] = tile;
    }

    void row(int x0, int x1, int y, OfficeTile tile) {
        for (int x = x0; x <= x1; x++) {
            put(x, y, tile);
        }
    }

    /** A 3x3-sliced piece over a rectangle: the rug on the floor, a table among the furniture. */
    void sliced(int x0, int y0, int x1, int y1, OfficeTile northWest) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int col = x == x0 ? 0 : x == x1 ? 2 : 1;
                int row = y == y0 ? 0 : y == y1 ? 2 : 1;
                OfficeTile tile = OfficeTile.slice(northWest, col, row);
                if (northWest == OfficeTile.RUG_NW) {
                    floor[index(x, y)] = tile;
                } else {
                    put(x, y, tile);
                }
            }
        }
    }

    /** A sofa from {@code x0} to {@code x1} on row {@code y}, facing south or north. */
    void sofa(int x0, int x1, int y, boolean facingNorth) {
        OfficeTile left = facingNorth ? OfficeTile.SOFA_N_L : OfficeTile.SOFA_S_L;
        for (int x = x0; x <= x1; x++) {
            int part = x == x0 ? 0 : x == x1 ? 2 : 1;
            put(x, y, OfficeTile.values()[left.ordinal() + part]);
        }
    }

    void object(String type, String name, int x0, int y0, int x1, int y1, Map<String, Object> properties) {
        objects.add(new PlanObject(type, name, x0, y0, x1, y1, new LinkedHashMap<>(properties)));
    }

    List<PlanObject> objects() {
        return objects;
    }

    boolean isWall(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && wall[index(x, y)];
    }

    int[] floorGids() {
        int[] gids = new int[width * height];
        for (int i = 0; i < gids.length; i++) {
            if (floor[i] == null) {
                throw new IllegalStateException("no floor at (" + i % width + ", " + i / width + ")");
            }
            gids[i] = floor[i].gid();
        }
        return gids;
    }

    int[] furnitureGids() {
        int[] gids = new int[width * height];
        for (int i = 0; i < gids.length; i++) {
            gids[i] = furniture[i] == null ? 0 : furniture[i].gid();
        }
        return gids;
    }

    /** Wall tiles joined to their neighbours; outside the map counts as open, so the outer walls get edges. */
    int[] wallGids() {
        int[] gids = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = index(x, y);
                if (!wall[i]) {
                    continue;
                }
                if (wallDecor[i] != null) {
                    if (!isWall(x - 1, y) || !isWall(x + 1, y) || isWall(x, y - 1) || isWall(x, y + 1)) {
                        throw new IllegalStateException(wallDecor[i] + " at (" + x + ", " + y
                                + ") needs a straight east-west wall with no wall north or south of it");
                    }
                    gids[i] = wallDecor[i].gid();
                    continue;
                }
                int mask = (isWall(x, y - 1) ? 1 : 0) | (isWall(x + 1, y) ? 2 : 0)
                        | (isWall(x, y + 1) ? 4 : 0) | (isWall(x - 1, y) ? 8 : 0);
                gids[i] = OfficeTile.wall(mask).gid();
            }
        }
        return gids;
    }

    private int index(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") is outside the " + width + "x" + height + " map");
        }
        return y * width + x;
    }
}
