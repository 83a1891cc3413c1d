package io.skyscope.desktop.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.map.CollisionGrid;
import io.skyscope.map.MapDrawing;
import io.skyscope.map.TileLayer;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.map.Tileset;
import io.skyscope.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * A space's map as the desktop client draws and walks it: a view of what the one map parser
 * ({@link TiledMapParser}) made, with the visible tile layers in drawing order and the labelled
 * areas. Its collision grid is the server's, so walls are predicted the way the server judges them.
 * Immutable.
 */
public record OfficeMap(TiledMap map, List<Tileset> tilesets, List<TileLayer> layers, List<Area> areas) {

    public OfficeMap {
        tilesets = List.copyOf(tilesets);
        layers = List.copyOf(layers);
        areas = List.copyOf(areas);
    }

    /** The view of a parsed map: hidden layers left out, every labelled rectangle an {@link Area}. */
    public static OfficeMap of(MapDrawing drawing) {
        return new OfficeMap(drawing.map(), drawing.tilesets(),
                drawing.layers().stream().filter(TileLayer::visible).toList(),
                drawing.regions().stream().map(r -> new Area(r.name(), AreaKindLabel.fromTiled(r.tiledClass()),
                        r.x(), r.y(), r.width(), r.height())).toList());
    }

    /**
     * Parses a map as the server handed it out.
     *
     * @throws io.skyscope.map.MapValidationException if the map is not one the server would accept
     */
    public static OfficeMap read(JsonNode tmj) {
        try {
            return of(TiledMapParser.parseDrawing(Json.lenient().writeValueAsBytes(tmj)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the map could not be written back as JSON", e);
        }
    }

    public int widthTiles() {
        return map.widthTiles();
    }

    public int heightTiles() {
        return map.heightTiles();
    }

    public int tileSize() {
        return map.tileSize();
    }

    public CollisionGrid collision() {
        return map.collision();
    }

    public double widthPixels() {
        return map.pixelWidth();
    }

    public double heightPixels() {
        return map.pixelHeight();
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
            if (a.kind() != AreaKindLabel.SPAWN && a.contains(x, y)
                    && (best == null || a.width() * a.height() < best.width() * best.height())) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }
}
