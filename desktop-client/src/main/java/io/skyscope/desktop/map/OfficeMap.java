package io.skyscope.desktop.map;

import java.util.List;
import java.util.Optional;

/**
 * A space's map as the desktop client draws and walks it: tile layers in drawing order, tilesets,
 * named areas and the collision grid. Immutable; built by {@link TiledMapReader}.
 */
public record OfficeMap(int widthTiles, int heightTiles, int tileSize, List<TileLayer> layers,
                        List<Tileset> tilesets, List<Area> areas, CollisionGrid collision) {

    public OfficeMap {
        layers = List.copyOf(layers);
        tilesets = List.copyOf(tilesets);
        areas = List.copyOf(areas);
    }

    public double widthPixels() {
        return widthTiles * (double) tileSize;
    }

    public double heightPixels() {
        return heightTiles * (double) tileSize;
    }

    /** The tileset owning a global id (flip flags ignored), if any. */
    public Optional<Tileset> tilesetFor(int gid) {
        int plain = Tileset.plainGid(gid);
        for (Tileset t : tilesets) {
            if (t.owns(plain)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The most specific area at a point: the smallest that contains it, so a stage inside a hall
     * wins over the hall. Spawn areas are skipped; they are not places people talk about.
     */
    public Optional<Area> areaAt(double x, double y) {
        Area best = null;
        for (Area a : areas) {
            if (a.kind() != AreaKind.SPAWN && a.contains(x, y)
                    && (best == null || a.width() * a.height() < best.width() * best.height())) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }
}
