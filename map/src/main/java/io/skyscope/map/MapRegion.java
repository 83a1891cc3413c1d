package io.skyscope.map;

/**
 * A rectangle object of the map's object layers as clients label it: every rectangle with a
 * positive size, whatever its class but {@code desk} (desks are {@link TiledMap#desks()}) ({@code tiledClass}: an {@link AreaKind} wire name,
 * {@value #SPAWN}, {@code room}, or anything else), in file order. Only the areas and spawn points
 * mean something to the rules ({@link TiledMap#areas()}, {@link TiledMap#spawns()}); the other
 * regions are names on the floor plan.
 */
public record MapRegion(String name, String tiledClass, double x, double y, double width, double height) {
    /** The Tiled class of spawn objects. */
    public static final String SPAWN = "spawn";
}
