package io.skyscope.server.e2e;

import io.skyscope.client.Connection;
import io.skyscope.map.MapArea;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.space.SpaceService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds places on the served map for tests: a free step, a wall within reach. */
public final class MapProbe {
    private final TiledMap map;

    public MapProbe(String tmj) {
        this.map = TiledMapParser.parse(tmj.getBytes(StandardCharsets.UTF_8));
    }

    /** The default office as the server serves it (read by a user registered for the purpose). */
    static MapProbe defaultOffice(ServerExtension server) {
        return new MapProbe(server.api().send("GET", "api/v1/maps/" + SpaceService.DEFAULT_MAP_ID + "?version=1",
                server.register("map").accessToken(), null, String.class));
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

    /**
     * Walks {@code c} along a {@link #route} around walls from where it stands, each step confirmed
     * by the server (a status ack after it: moves are handled before the next command); returns the
     * correction that stopped the walk, or null once at {@code to}. Sets the status to available.
     */
    ServerMessage.Correction walk(Connection c, double[] to) {
        Person me = c.world().snapshot().self();
        for (double[] waypoint : route(me.x(), me.y(), to[0], to[1])) {
            long seq = c.move(waypoint[0], waypoint[1]);
            String ref = "at-" + System.nanoTime();
            c.send(new ClientMessage.StatusChange(Status.AVAILABLE, "", ref));
            c.await(ServerMessage.Ack.class, ack -> ref.equals(ack.ref()), ServerExtension.TIMEOUT);
            Person there = c.world().snapshot().self();
            if (there.x() != waypoint[0] || there.y() != waypoint[1]) {
                return c.await(ServerMessage.Correction.class, k -> k.seq() == seq, ServerExtension.TIMEOUT);
            }
        }
        return null;
    }

    /**
     * Waypoints of a walk from (x, y) to (tx, ty) around walls, as a person would take it: the
     * shortest path over tiles (four ways), cut to the corners where a straight line stops being
     * clear. The last waypoint is (tx, ty) itself.
     */
    List<double[]> route(double x, double y, double tx, double ty) {
        var grid = map.collision();
        int w = grid.widthTiles();
        int ts = map.tileSize();
        int start = (int) (y / ts) * w + (int) (x / ts);
        int goal = (int) (ty / ts) * w + (int) (tx / ts);
        int[] from = new int[w * grid.heightTiles()];
        Arrays.fill(from, -1);
        from[start] = start;
        var queue = new ArrayDeque<Integer>(List.of(start));
        while (!queue.isEmpty() && from[goal] < 0) {
            int at = queue.poll();
            int cx = at % w;
            int cy = at / w;
            for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                int nx = cx + d[0];
                int ny = cy + d[1];
                int next = ny * w + nx;
                if (nx >= 0 && ny >= 0 && nx < w && ny < grid.heightTiles() && !grid.blocked(nx, ny) && from[next] < 0) {
                    from[next] = at;
                    queue.add(next);
                }
            }
        }
        if (from[goal] < 0) {
            throw new AssertionError("no way from " + x + "," + y + " to " + tx + "," + ty);
        }
        List<double[]> tiles = new ArrayList<>();
        tiles.add(new double[] {tx, ty});
        for (int at = from[goal]; at != start; at = from[at]) {
            tiles.addFirst(new double[] {(at % w) * ts + ts / 2.0, (at / w) * ts + ts / 2.0});
        }
        List<double[]> waypoints = new ArrayList<>();
        double[] here = {x, y};
        int i = 0;
        while (i < tiles.size()) {
            int far = i;
            while (far + 1 < tiles.size() && grid.segmentClear(here[0], here[1], tiles.get(far + 1)[0], tiles.get(far + 1)[1])) {
                far++;
            }
            here = tiles.get(far);
            waypoints.add(here);
            i = far + 1;
        }
        return waypoints;
    }

    /**
     * Up to {@code n} tile centres inside {@code area} (not in a smaller area within it), at least
     * 48 px apart, that can be walked to from {@code from}, row by row from the area's top left.
     */
    List<double[]> spots(MapArea area, int n, double[] from) {
        List<double[]> spots = new ArrayList<>();
        int ts = map.tileSize();
        for (double y = area.y() + ts / 2.0; y < area.y() + area.height() && spots.size() < n; y += ts) {
            for (double x = area.x() + ts / 2.0; x < area.x() + area.width() && spots.size() < n; x += ts) {
                double px = x;
                double py = y;
                boolean apart = spots.stream().allMatch(s -> Math.hypot(s[0] - px, s[1] - py) >= 48);
                if (apart && map.collision().walkable(x, y) && map.areaAt(x, y).filter(area::equals).isPresent()
                        && reachable(from, x, y)) {
                    spots.add(new double[] {x, y});
                }
            }
        }
        return spots;
    }

    private boolean reachable(double[] from, double x, double y) {
        try {
            route(from[0], from[1], x, y);
            return true;
        } catch (AssertionError noWay) {
            return false;
        }
    }
}
