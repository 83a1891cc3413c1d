package io.skyscope.client;

import io.skyscope.map.CollisionGrid;
import io.skyscope.map.PathFinder;
import java.util.List;

/**
 * A map's collision grid and path finder as a {@link Walker.Terrain}: the desktop walks on its
 * office map's grid, and {@link Etiquette#terrain()} adds the meeting rooms locked to me as walls.
 * Immutable.
 */
public final class GridTerrain implements Walker.Terrain {
    private final CollisionGrid grid;
    private final PathFinder pathFinder;

    public GridTerrain(CollisionGrid grid) {
        this.grid = grid;
        this.pathFinder = new PathFinder(grid);
    }

    @Override
    public boolean walkable(double x, double y) {
        return grid.walkable(x, y);
    }

    @Override
    public boolean segmentClear(double x0, double y0, double x1, double y1) {
        return grid.segmentClear(x0, y0, x1, y1);
    }

    @Override
    public List<Walker.Point> path(double fromX, double fromY, double toX, double toY) {
        return pathFinder.find(fromX, fromY, toX, toY).stream().map(p -> new Walker.Point(p.x(), p.y())).toList();
    }
}
