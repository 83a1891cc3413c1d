package io.skyscope.map;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated Tiled map as the rules see it: its size, which tiles block movement, its named
 * areas, spawn points and desks, the tileset images it needs, and the original file to hand to clients
 * (which draw it themselves, from {@link TiledMapParser#parseDrawing(byte[])}). Immutable and safe
 * to share between threads. Made by {@link TiledMapParser#parse(byte[])}.
 */
public final class TiledMap {
    private final int widthTiles;
    private final int heightTiles;
    private final int tileSize;
    private final CollisionGrid collision;
    private final List<MapArea> areas;
    private final AreaIndex areaIndex;
    private final List<Point> spawns;
    private final List<MapDesk> desks;
    private final Set<String> imageNames;
    private final byte[] json;

    TiledMap(int widthTiles, int heightTiles, int tileSize, CollisionGrid collision, List<MapArea> areas,
             List<Point> spawns, List<MapDesk> desks, Set<String> imageNames, byte[] json) {
        if (spawns.isEmpty()) {
            throw new IllegalArgumentException("a map needs a spawn point");
        }
        this.widthTiles = widthTiles;
        this.heightTiles = heightTiles;
        this.tileSize = tileSize;
        this.collision = collision;
        this.areas = List.copyOf(areas);
        this.areaIndex = new AreaIndex(this.areas);
        this.spawns = List.copyOf(spawns);
        this.desks = List.copyOf(desks);
        this.imageNames = Collections.unmodifiableSet(new LinkedHashSet<>(imageNames));
        this.json = json.clone();
    }

    public int widthTiles() {
        return widthTiles;
    }

    public int heightTiles() {
        return heightTiles;
    }

    /** Side of a (square) tile in pixels. */
    public int tileSize() {
        return tileSize;
    }

    public int pixelWidth() {
        return widthTiles * tileSize;
    }

    public int pixelHeight() {
        return heightTiles * tileSize;
    }

    public CollisionGrid collision() {
        return collision;
    }

    /** Meeting rooms, silent zones, stages and audiences, in the order of the map file. */
    public List<MapArea> areas() {
        return areas;
    }

    /** Where newcomers appear: the centre of the first spawn object. Always walkable. */
    public Point spawn() {
        return spawns.getFirst();
    }

    /** The centres of all spawn objects, in file order; all walkable. */
    public List<Point> spawns() {
        return spawns;
    }

    /** The desks people can make theirs, in file order, each with its (walkable) seat. */
    public List<MapDesk> desks() {
        return desks;
    }

    /** The desk called {@code name}, if the map has one. */
    public Optional<MapDesk> desk(String name) {
        return desks.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** File names of the tileset images the map refers to (plain names, no folders), in file order. */
    public Set<String> imageNames() {
        return imageNames;
    }

    /** The map file exactly as it was parsed; a fresh copy on every call. */
    public byte[] json() {
        return json.clone();
    }

    /**
     * The area a point is in. Where areas overlap (a silent booth inside a meeting room, say), the
     * smallest one wins, as it is the innermost; among equally large ones, the first in the file.
     */
    public Optional<MapArea> areaAt(double x, double y) {
        return Optional.ofNullable(areaIndex.areaAt(x, y));
    }
}
