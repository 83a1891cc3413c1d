package io.skyscope.server.e2e;

import io.skyscope.server.world.map.TiledMap;
import io.skyscope.server.world.map.TiledMapParser;
import java.nio.charset.StandardCharsets;

/** Finds places on the served map for tests: a free step, a wall within reach. */
public final class MapProbe {
    private final TiledMap map;

    public MapProbe(String tmj) {
        this.map = TiledMapParser.parse(tmj.getBytes(StandardCharsets.UTF_8));
    }

    TiledMap map() {
        return map;
    }

    /** A point {@code distance} away in one of the four directions that can be walked to. */
    double[] freeStep(double x, double y, double distance) {
        double[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (double[] d : dirs) {
            double tx = x + d[0] * distance;
            double ty = y + d[1] * distance;
            if (map.collision().walkable(tx, ty) && map.collision().segmentClear(x, y, tx, ty)) {
                return new double[] {tx, ty};
            }
        }
        throw new AssertionError("no free step of " + distance + " px from " + x + "," + y);
    }

    /** The centre of the nearest blocked tile within {@code reach} px in a straight line. */
    double[] wallWithin(double x, double y, double reach) {
        int ts = map.tileSize();
        double best = Double.MAX_VALUE;
        double[] found = null;
        for (int ty = 0; ty < map.heightTiles(); ty++) {
            for (int tx = 0; tx < map.widthTiles(); tx++) {
                if (map.collision().blocked(tx, ty)) {
                    double cx = tx * ts + ts / 2.0;
                    double cy = ty * ts + ts / 2.0;
                    double dist = Math.hypot(cx - x, cy - y);
                    if (dist < best && dist <= reach) {
                        best = dist;
                        found = new double[] {cx, cy};
                    }
                }
            }
        }
        if (found == null) {
            throw new AssertionError("no wall within " + reach + " px of " + x + "," + y);
        }
        return found;
    }

    /**
     * An open-space point (in no map area) {@code distance} px from (x, y) in a straight, clear
     * line, at least {@code separation} px from {@code avoid} (if given).
     */
    public double[] openSpotInLineOfSight(double x, double y, double distance, double[] avoid, double separation) {
        for (int degrees = 0; degrees < 360; degrees += 5) {
            double tx = x + Math.cos(Math.toRadians(degrees)) * distance;
            double ty = y + Math.sin(Math.toRadians(degrees)) * distance;
            boolean apart = avoid == null || Math.hypot(tx - avoid[0], ty - avoid[1]) >= separation;
            if (apart && tx > 0 && ty > 0 && tx < map.pixelWidth() && ty < map.pixelHeight()
                    && map.collision().walkable(tx, ty) && map.collision().segmentClear(x, y, tx, ty)
                    && map.areaAt(tx, ty).isEmpty()) {
                return new double[] {tx, ty};
            }
        }
        throw new AssertionError("no open spot " + distance + " px from " + x + "," + y + " in a clear line");
    }
}
