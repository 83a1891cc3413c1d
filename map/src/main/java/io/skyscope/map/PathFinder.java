package io.skyscope.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A* over the collision grid, eight neighbours, no corner cutting (a diagonal step needs both
 * orthogonal neighbours free, the same rule that keeps the server from letting anyone squeeze
 * between two diagonal walls). The result is smoothed to the fewest straight legs that stay on
 * walkable tiles. Pure and thread-confined: make one per caller. Shared by every client (the
 * desktop's clicks, client-core's "walk to them"), so all plan the same ways the server accepts.
 */
public final class PathFinder {
    /** Searches give up beyond this many expanded tiles so a click can never stall a frame. */
    private static final int MAX_EXPANDED = 60_000;
    private static final double DIAGONAL = Math.sqrt(2);

    private final CollisionGrid grid;

    public PathFinder(CollisionGrid grid) {
        this.grid = grid;
    }

    /** A point in map pixels. */
    public record Point(double x, double y) {
    }

    /**
     * Waypoints from (but excluding) the start to the goal, or an empty list if the goal cannot be
     * reached. A blocked goal is moved to the nearest walkable tile around it.
     */
    public List<Point> find(double fromX, double fromY, double toX, double toY) {
        int sx = grid.tileOf(fromX);
        int sy = grid.tileOf(fromY);
        if (grid.blocked(sx, sy)) {
            return List.of();
        }
        int[] goal = nearestWalkable(grid.tileOf(toX), grid.tileOf(toY));
        if (goal == null) {
            return List.of();
        }
        boolean exactGoal = goal[0] == grid.tileOf(toX) && goal[1] == grid.tileOf(toY);
        Point end = exactGoal ? new Point(toX, toY) : new Point(grid.centre(goal[0]), grid.centre(goal[1]));
        if (grid.segmentClear(fromX, fromY, end.x(), end.y())) {
            return List.of(end);
        }
        List<int[]> tiles = search(sx, sy, goal[0], goal[1]);
        if (tiles.isEmpty()) {
            return List.of();
        }
        List<Point> raw = new ArrayList<>();
        for (int i = 1; i < tiles.size() - 1; i++) {
            raw.add(new Point(grid.centre(tiles.get(i)[0]), grid.centre(tiles.get(i)[1])));
        }
        raw.add(end);
        return smooth(new Point(fromX, fromY), raw);
    }

    private List<int[]> search(int sx, int sy, int gx, int gy) {
        int w = grid.widthTiles();
        int n = w * grid.heightTiles();
        double[] cost = new double[n];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        int[] from = new int[n];
        Arrays.fill(from, -1);
        boolean[] closed = new boolean[n];
        int start = sy * w + sx;
        int goal = gy * w + gx;
        cost[start] = 0;
        PriorityQueue<double[]> open = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        open.add(new double[] {heuristic(sx, sy, gx, gy), start});
        int expanded = 0;
        while (!open.isEmpty() && expanded < MAX_EXPANDED) {
            int current = (int) open.poll()[1];
            if (closed[current]) {
                continue;
            }
            if (current == goal) {
                return trace(from, goal, w);
            }
            closed[current] = true;
            expanded++;
            int cx = current % w;
            int cy = current / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if ((dx == 0 && dy == 0) || grid.blocked(cx + dx, cy + dy)) {
                        continue;
                    }
                    if (dx != 0 && dy != 0 && (grid.blocked(cx + dx, cy) || grid.blocked(cx, cy + dy))) {
                        continue;
                    }
                    int next = (cy + dy) * w + cx + dx;
                    double c = cost[current] + (dx != 0 && dy != 0 ? DIAGONAL : 1);
                    if (c < cost[next]) {
                        cost[next] = c;
                        from[next] = current;
                        open.add(new double[] {c + heuristic(cx + dx, cy + dy, gx, gy), next});
                    }
                }
            }
        }
        return List.of();
    }

    /** Octile distance: exact on an empty eight-connected grid, so A* stays optimal. */
    private static double heuristic(int x, int y, int gx, int gy) {
        int dx = Math.abs(x - gx);
        int dy = Math.abs(y - gy);
        return Math.max(dx, dy) + (DIAGONAL - 1) * Math.min(dx, dy);
    }

    private static List<int[]> trace(int[] from, int goal, int w) {
        List<int[]> path = new ArrayList<>();
        for (int at = goal; at != -1; at = from[at]) {
            path.add(new int[] {at % w, at / w});
        }
        Collections.reverse(path);
        return path;
    }

    /** Drops waypoints that a straight clear walk can skip (string pulling). */
    private List<Point> smooth(Point start, List<Point> points) {
        List<Point> out = new ArrayList<>();
        Point anchor = start;
        int i = 0;
        while (i < points.size()) {
            int furthest = i;
            for (int j = points.size() - 1; j > i; j--) {
                if (clearWide(anchor, points.get(j))) {
                    furthest = j;
                    break;
                }
            }
            anchor = points.get(furthest);
            out.add(anchor);
            i = furthest + 1;
        }
        return out;
    }

    /** A shortcut must be clear along its middle and a little to either side, so walks keep off wall edges. */
    private boolean clearWide(Point a, Point b) {
        double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
        if (len == 0) {
            return true;
        }
        double off = grid.tileSize() * 0.3;
        double nx = -(b.y() - a.y()) / len * off;
        double ny = (b.x() - a.x()) / len * off;
        return grid.segmentClear(a.x(), a.y(), b.x(), b.y())
                && grid.segmentClear(a.x() + nx, a.y() + ny, b.x() + nx, b.y() + ny)
                && grid.segmentClear(a.x() - nx, a.y() - ny, b.x() - nx, b.y() - ny);
    }

    /** The free tile nearest to the clicked one: the closest centre in the first ring that has any. */
    private int[] nearestWalkable(int tx, int ty) {
        for (int r = 0; r <= 6; r++) {
            int[] best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    double d = Math.hypot(dx, dy);
                    if (Math.max(Math.abs(dx), Math.abs(dy)) == r && !grid.blocked(tx + dx, ty + dy) && d < bestD) {
                        best = new int[] {tx + dx, ty + dy};
                        bestD = d;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
