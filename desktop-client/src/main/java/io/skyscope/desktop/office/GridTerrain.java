package io.skyscope.desktop.office;

import io.skyscope.client.Walker;
import io.skyscope.desktop.map.PathFinder;
import io.skyscope.map.CollisionGrid;
import java.util.List;

/** The office map's collision grid and path finder as client-core's {@link Walker.Terrain}. Immutable. */
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
