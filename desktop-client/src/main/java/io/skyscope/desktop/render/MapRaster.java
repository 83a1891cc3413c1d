package io.skyscope.desktop.render;

import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.desktop.map.TileLayer;
import io.skyscope.desktop.map.Tileset;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The map's tile layers flattened into images of {@value #CHUNK} px squares, made on first sight
 * and kept. Drawing a few chunk images per frame costs a fraction of drawing every tile of every
 * layer, which matters with software rendering. Compositing is done on int pixels (source over,
 * Tiled flip flags honoured), so it needs no Canvas and no FX thread.
 *
 * <p>Threads: {@link #chunk} is called by the render loop (FX thread) only.
 */
public final class MapRaster {
    public static final int CHUNK = 1024;

    private final OfficeMap map;
    private final Map<Tileset, int[]> tilesetPixels = new HashMap<>();
    private final Map<Tileset, Integer> tilesetWidths = new HashMap<>();
    private final Map<Long, Image> chunks = new HashMap<>();

    /**
     * @param tilesetImages the image of each tileset, by its {@code image} name; a tileset without
     *                      one is left out (its tiles stay transparent)
     */
    public MapRaster(OfficeMap map, Map<String, Image> tilesetImages) {
        this.map = map;
        for (Tileset t : map.tilesets()) {
            Image img = t.image() == null ? null : tilesetImages.get(t.image());
            if (img != null && img.getPixelReader() != null) {
                int w = (int) img.getWidth();
                int h = (int) img.getHeight();
                int[] px = new int[w * h];
                img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
                tilesetPixels.put(t, px);
                tilesetWidths.put(t, w);
            }
        }
    }

    public OfficeMap map() {
        return map;
    }

    public int columns() {
        return (int) Math.ceil(map.widthPixels() / CHUNK);
    }

    public int rows() {
        return (int) Math.ceil(map.heightPixels() / CHUNK);
    }

    /** The image of chunk (cx, cy), composed on first use. */
    public Image chunk(int cx, int cy) {
        return chunks.computeIfAbsent(((long) cx << 32) | cy, k -> compose(cx, cy));
    }

    private Image compose(int cx, int cy) {
        int x0 = cx * CHUNK;
        int y0 = cy * CHUNK;
        int w = (int) Math.min(CHUNK, map.widthPixels() - x0);
        int h = (int) Math.min(CHUNK, map.heightPixels() - y0);
        int[] out = new int[w * h];
        int ts = map.tileSize();
        for (TileLayer layer : map.layers()) {
            for (int ty = y0 / ts; ty * ts < y0 + h; ty++) {
                for (int tx = x0 / ts; tx * ts < x0 + w; tx++) {
                    int gid = layer.gid(tx, ty);
                    if (gid != 0) {
                        drawTile(out, w, h, tx * ts - x0, ty * ts - y0, gid, layer.opacity());
                    }
                }
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return image;
    }

    private void drawTile(int[] out, int outW, int outH, int dx, int dy, int gid, double opacity) {
        int plain = Tileset.plainGid(gid);
        Tileset t = map.tilesetFor(plain).orElse(null);
        if (t == null || !tilesetPixels.containsKey(t)) {
            return;
        }
        int[] src = tilesetPixels.get(t);
        int srcW = tilesetWidths.get(t);
        int srcH = src.length / srcW;
        int sx0 = t.sourceX(plain);
        int sy0 = t.sourceY(plain);
        int tw = t.tileWidth();
        int th = t.tileHeight();
        int size = map.tileSize();
        boolean flipH = (gid & Tileset.FLIPPED_HORIZONTALLY) != 0;
        boolean flipV = (gid & Tileset.FLIPPED_VERTICALLY) != 0;
        boolean flipD = (gid & Tileset.FLIPPED_DIAGONALLY) != 0;
        for (int y = 0; y < size; y++) {
            int oy = dy + y;
            if (oy < 0 || oy >= outH) {
                continue;
            }
            for (int x = 0; x < size; x++) {
                int ox = dx + x;
                if (ox < 0 || ox >= outW) {
                    continue;
                }
                // Tiled applies the diagonal flip (a transpose) first, then horizontal, then vertical.
                int u = x * tw / size;
                int v = y * th / size;
                if (flipD) {
                    int s = u;
                    u = v * tw / th;
                    v = s * th / tw;
                }
                if (flipH) {
                    u = tw - 1 - u;
                }
                if (flipV) {
                    v = th - 1 - v;
                }
                int sx = sx0 + u;
                int sy = sy0 + v;
                if (sx >= srcW || sy >= srcH) {
                    continue;
                }
                int i = oy * outW + ox;
                out[i] = over(src[sy * srcW + sx], out[i], opacity);
            }
        }
    }

    /** Porter-Duff source-over on non-premultiplied ARGB. */
    static int over(int src, int dst, double opacity) {
        int sa = (int) (((src >>> 24) & 0xFF) * opacity);
        if (sa == 0) {
            return dst;
        }
        if (sa == 255) {
            return src | 0xFF000000;
        }
        int da = (dst >>> 24) & 0xFF;
        int outA = sa + da * (255 - sa) / 255;
        if (outA == 0) {
            return 0;
        }
        int r = blend((src >> 16) & 0xFF, (dst >> 16) & 0xFF, sa, da, outA);
        int g = blend((src >> 8) & 0xFF, (dst >> 8) & 0xFF, sa, da, outA);
        int b = blend(src & 0xFF, dst & 0xFF, sa, da, outA);
        return (outA << 24) | (r << 16) | (g << 8) | b;
    }

    private static int blend(int s, int d, int sa, int da, int outA) {
        return Math.min(255, (s * sa + d * da * (255 - sa) / 255) / outA);
    }
}
