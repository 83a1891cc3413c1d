package io.skyscope.map;

import java.util.List;

/**
 * A map together with what a client needs to draw it: its tilesets, its tile layers in drawing
 * order and the labelled rectangles of its object layers. Made by
 * {@link TiledMapParser#parseDrawing(byte[])} in the same pass and with the same checks as
 * {@link TiledMapParser#parse(byte[])}; the server keeps only the {@link TiledMap}.
 */
public record MapDrawing(TiledMap map, List<Tileset> tilesets, List<TileLayer> layers, List<MapRegion> regions) {

    public MapDrawing {
        tilesets = List.copyOf(tilesets);
        layers = List.copyOf(layers);
        regions = List.copyOf(regions);
    }
}
