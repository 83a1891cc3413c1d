package io.skyscope.server.e2e;

import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.server.space.SpaceService;
import java.nio.charset.StandardCharsets;

/**
 * Where voice tests stand on the default office map: a centre in open space with a clear row
 * 140 px to each side (so left and right are left and right for the listener), and a spot far away
 * that is reached in a straight line.
 */
record Places(double[] centre, double[] far) {
    private static final double ROW = 140;
    private static final double FAR = 400;

    /** Finds places near {@code client}'s spawn. */
    static Places around(ServerExtension server, VoiceClient client) {
        String tmj = server.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                client.user.accessToken(), null, String.class);
        TiledMap map = TiledMapParser.parse(tmj.getBytes(StandardCharsets.UTF_8));
        double[] spawn = client.position();
        int ts = map.tileSize();
        for (int radius = 0; radius < 30 * ts; radius += ts / 2) {
            for (int degrees = 0; degrees < 360; degrees += radius == 0 ? 360 : 10) {
                double x = spawn[0] + Math.cos(Math.toRadians(degrees)) * radius;
                double y = spawn[1] + Math.sin(Math.toRadians(degrees)) * radius;
                double[] far = farFrom(map, x, y);
                if (open(map, x - ROW, y, x + ROW, y) && open(map, spawn[0], spawn[1], x, y) && far != null) {
                    return new Places(new double[] {x, y}, far);
                }
            }
        }
        throw new AssertionError("no open row of " + (2 * ROW) + " px near the spawn");
    }

    double[] left(double distance) {
        return new double[] {centre[0] - distance, centre[1]};
    }

    double[] right(double distance) {
        return new double[] {centre[0] + distance, centre[1]};
    }

    /** A spot {@code distance} px from the centre (at most {@value #FAR}) on the clear line to {@link #far}. */
    double[] towardsFar(double distance) {
        double f = distance / FAR;
        return new double[] {centre[0] + (far[0] - centre[0]) * f, centre[1] + (far[1] - centre[1]) * f};
    }

    private static double[] farFrom(TiledMap map, double x, double y) {
        for (int degrees = 0; degrees < 360; degrees += 15) {
            double fx = x + Math.cos(Math.toRadians(degrees)) * FAR;
            double fy = y + Math.sin(Math.toRadians(degrees)) * FAR;
            // Reachable from the centre and from both ends of the row.
            if (open(map, x, y, fx, fy) && open(map, x - 40, y, fx, fy) && open(map, x + 40, y, fx, fy)
                    && open(map, x - 100, y, fx, fy)) {
                return new double[] {fx, fy};
            }
        }
        return null;
    }

    /** Both ends walkable, in open space (no area), the segment between them clear. */
    private static boolean open(TiledMap map, double x1, double y1, double x2, double y2) {
        return inside(map, x1, y1) && inside(map, x2, y2)
                && map.collision().walkable(x1, y1) && map.collision().walkable(x2, y2)
                && map.areaAt(x1, y1).isEmpty() && map.areaAt(x2, y2).isEmpty()
                && map.collision().segmentClear(x1, y1, x2, y2);
    }

    private static boolean inside(TiledMap map, double x, double y) {
        return x > 0 && y > 0 && x < map.pixelWidth() && y < map.pixelHeight();
    }
}
