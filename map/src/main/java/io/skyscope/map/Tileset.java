package io.skyscope.map;

import static io.skyscope.map.JsonFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One embedded tileset of a map: which global tile ids (gids) it owns, which of its tiles collide,
 * and where each tile sits in its image (for clients that draw the map). Immutable.
 *
 * @param tileSize       side of a tile in pixels, the map's tile size
 * @param collidingTiles local tile ids (gid minus firstGid) whose {@code collides} property is true
 */
public record Tileset(String name, int firstGid, int tileCount, int columns, int tileSize, int margin, int spacing,
                      String image, BitSet collidingTiles) {
    /** Tiled keeps flip flags in the top four bits of a gid, so gids themselves stay below 2^28. */
    static final int MAX_GID = 0x0FFFFFFF;
    static final int MAX_IMAGE_SIDE = 16384;
    /** Tiled's horizontal, vertical and diagonal flips (and a hexagonal rotation bit). */
    public static final int FLIP_MASK = 0xF0000000;
    public static final int FLIPPED_HORIZONTALLY = 0x80000000;
    public static final int FLIPPED_VERTICALLY = 0x40000000;
    public static final int FLIPPED_DIAGONALLY = 0x20000000;
    private static final Pattern PLAIN_PNG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public Tileset {
        collidingTiles = (BitSet) collidingTiles.clone();
    }

    /** A copy: the tileset stays immutable. */
    @Override
    public BitSet collidingTiles() {
        return (BitSet) collidingTiles.clone();
    }

    /** A gid (as a tile layer holds it) without its flip flags. */
    public static int plainGid(int gid) {
        return gid & ~FLIP_MASK;
    }

    /** Whether this tileset owns a gid without flip flags. */
    public boolean owns(long gid) {
        return gid >= firstGid && gid < (long) firstGid + tileCount;
    }

    /** Whether a gid without flip flags belongs here and its tile has {@code collides} set. */
    public boolean collides(long gid) {
        return owns(gid) && collidingTiles.get((int) (gid - firstGid));
    }

    /** Left edge of a tile (gid without flip flags) in the tileset image. */
    public int sourceX(int plainGid) {
        return margin + ((plainGid - firstGid) % columns) * (tileSize + spacing);
    }

    /** Top edge of a tile (gid without flip flags) in the tileset image. */
    public int sourceY(int plainGid) {
        return margin + ((plainGid - firstGid) / columns) * (tileSize + spacing);
    }

    static Tileset parse(JsonNode node, int index, int tileSize) {
        String context = "tileset #" + (index + 1);
        JsonFields.requireObject(node, context);
        String name = JsonFields.optionalString(node, "name", context);
        if (!name.isEmpty()) {
            context = "tileset '" + name + "'";
        }
        if (node.has("source")) {
            throw invalid(context, "external tileset '" + JsonFields.optionalString(node, "source", context)
                    + "' is not supported; embed the tileset in the map (Tiled: 'Embed Tileset')");
        }
        int firstGid = JsonFields.requireIntIn(node, "firstgid", 1, MAX_GID, context);
        String image = JsonFields.requireString(node, "image", context);
        if (!PLAIN_PNG_NAME.matcher(image).matches() || image.contains("..")
                || !image.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw invalid(context, "image '" + image + "' must be a plain file name (no folders, no '..') ending in .png");
        }
        int columns = JsonFields.requireIntIn(node, "columns", 1, MAX_IMAGE_SIDE, context);
        int tileCount = JsonFields.requireIntIn(node, "tilecount", 1, MAX_GID, context);
        int imageWidth = JsonFields.requireIntIn(node, "imagewidth", 1, MAX_IMAGE_SIDE, context);
        int imageHeight = JsonFields.requireIntIn(node, "imageheight", 1, MAX_IMAGE_SIDE, context);
        for (String side : new String[] {"tilewidth", "tileheight"}) {
            if (node.has(side) && JsonFields.requireInt(node, side, context) != tileSize) {
                throw invalid(context, "'" + side + "' is " + node.get(side).intValue()
                        + ", must match the map's tile size " + tileSize);
            }
        }
        int margin = node.has("margin") ? JsonFields.requireIntIn(node, "margin", 0, MAX_IMAGE_SIDE, context) : 0;
        int spacing = node.has("spacing") ? JsonFields.requireIntIn(node, "spacing", 0, MAX_IMAGE_SIDE, context) : 0;
        long rows = (tileCount + (long) columns - 1) / columns;
        long neededWidth = 2L * margin + (long) columns * tileSize + (columns - 1L) * spacing;
        long neededHeight = 2L * margin + rows * tileSize + (rows - 1) * spacing;
        if (neededWidth > imageWidth || neededHeight > imageHeight) {
            throw invalid(context, tileCount + " tiles in " + columns + " columns need an image of at least "
                    + neededWidth + "x" + neededHeight + " px, but imagewidth x imageheight is "
                    + imageWidth + "x" + imageHeight);
        }
        if ((long) firstGid + tileCount - 1 > MAX_GID) {
            throw invalid(context, "gids " + firstGid + " to " + ((long) firstGid + tileCount - 1)
                    + " go beyond the largest gid " + MAX_GID);
        }
        return new Tileset(name, firstGid, tileCount, columns, tileSize, margin, spacing, image,
                collidingTiles(node, tileCount, context));
    }

    private static BitSet collidingTiles(JsonNode node, int tileCount, String context) {
        BitSet colliding = new BitSet();
        BitSet seen = new BitSet();
        for (JsonNode tile : JsonFields.optionalArray(node, "tiles", context)) {
            JsonFields.requireObject(tile, context + ": tiles[]");
            int id = JsonFields.requireIntIn(tile, "id", 0, tileCount - 1, context + ": tiles[]");
            String where = context + ": tile " + id;
            if (seen.get(id)) {
                throw invalid(where, "appears twice in 'tiles'");
            }
            seen.set(id);
            Map<String, Object> properties = TiledProperties.read(tile, where);
            Object collides = properties.get("collides");
            if (collides != null && !(collides instanceof Boolean)) {
                throw invalid(where, "property 'collides' must have type bool");
            }
            if (Boolean.TRUE.equals(collides)) {
                colliding.set(id);
            }
        }
        return colliding;
    }
}
