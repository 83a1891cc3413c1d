package io.skyscope.desktop.render;

import io.skyscope.desktop.map.Area;
import io.skyscope.desktop.map.OfficeMap;
import io.skyscope.map.TileLayer;
import io.skyscope.map.Tileset;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The map's tile layers and area tints flattened into images of {@value #CHUNK} px squares, made
 * on first sight, already scaled to the current zoom. With software rendering, copying a few
 * unscaled images per frame costs a fraction of drawing every tile of every layer, or of scaling
 * the map on every frame. Compositing is done on int pixels (source over, Tiled flip flags
 * honoured), so it needs no Canvas.
 *
 * <p>Threads: {@link #chunk} is called by the render loop (FX thread) only.
 */
public final class MapRaster {
    public static final int CHUNK = 1024;
    private static final double TINT_ALPHA = 0.13;
    private static final double EDGE_ALPHA = 0.85;
    private static final int DASH = 8;

    private final OfficeMap map;
    private final Map<Tileset, int[]> tilesetPixels = new HashMap<>();
    private final Map<Tileset, Integer> tilesetWidths = new HashMap<>();
    /** Unscaled chunk pixels, kept: every zoom level is sampled from them. */
    private final Map<Long, int[]> base = new HashMap<>();
    /** Chunk images at {@link #scale}; dropped when the zoom changes. */
    private final Map<Long, Image> scaled = new HashMap<>();
    private double scale = 1;
    private long lastKey;
    private int[] lastChunk;

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

    /** Width of the map in screen pixels at a zoom. */
    public static int scaledSize(double mapPixels, double zoom) {
        return (int) Math.ceil(mapPixels * zoom);
    }

    /** Chunk columns at a zoom. */
    public int columns(double zoom) {
        return (int) Math.ceil(scaledSize(map.widthPixels(), zoom) / (double) CHUNK);
    }

    public int rows(double zoom) {
        return (int) Math.ceil(scaledSize(map.heightPixels(), zoom) / (double) CHUNK);
    }

    /** The image of chunk (cx, cy) of the map scaled by {@code zoom}, made on first use. */
    public Image chunk(int cx, int cy, double zoom) {
        if (zoom != scale) {
            scaled.clear();
            scale = zoom;
        }
        return scaled.computeIfAbsent(key(cx, cy), k -> scaledChunk(cx, cy, zoom));
    }

    private static long key(int cx, int cy) {
        return ((long) cx << 32) | (cy & 0xFFFFFFFFL);
    }

    private Image scaledChunk(int cx, int cy, double zoom) {
        int fullW = scaledSize(map.widthPixels(), zoom);
        int fullH = scaledSize(map.heightPixels(), zoom);
        int x0 = cx * CHUNK;
        int y0 = cy * CHUNK;
        int w = Math.min(CHUNK, fullW - x0);
        int h = Math.min(CHUNK, fullH - y0);
        int[] out = new int[w * h];
        // Shrinking averages the source pixels under each screen pixel (no shimmering stripes);
        // enlarging repeats them (the tiles are pixel art and should stay crisp).
        int n = zoom < 1 ? Math.max(1, (int) Math.ceil(1 / zoom)) : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = (x0 + x) / zoom;
                double sy = (y0 + y) / zoom;
                out[y * w + x] = n == 1 ? sample((int) sx, (int) sy) : average(sx, sy, 1 / zoom, n);
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return image;
    }

    private int average(double sx, double sy, double span, int n) {
        int a = 0;
        int r = 0;
        int g = 0;
        int b = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int p = sample((int) (sx + span * (i + 0.5) / n), (int) (sy + span * (j + 0.5) / n));
                a += p >>> 24;
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
        }
        int k = n * n;
        return ((a / k) << 24) | ((r / k) << 16) | ((g / k) << 8) | (b / k);
    }

    /** One pixel of the unscaled map; transparent outside it. */
    private int sample(int x, int y) {
        if (x < 0 || y < 0 || x >= map.widthPixels() || y >= map.heightPixels()) {
            return 0;
        }
        long k = key(x / CHUNK, y / CHUNK);
        if (k != lastKey || lastChunk == null) {
            lastChunk = base.computeIfAbsent(k, kk -> compose(x / CHUNK, y / CHUNK));
            lastKey = k;
        }
        int[] chunk = lastChunk;
        int w = (int) Math.min(CHUNK, map.widthPixels() - (x / CHUNK) * CHUNK);
        return chunk[(y % CHUNK) * w + (x % CHUNK)];
    }

    private int[] compose(int cx, int cy) {
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
        for (Area a : map.areas()) {
            Color tint = AreaStyle.tint(a.kind());
            if (tint != null) {
                tintArea(out, w, h, x0, y0, a, tint);
            }
        }
        return out;
    }

    /** A translucent fill and a 2 px edge (dashed for quiet areas), composited like the layers. */
    private static void tintArea(int[] out, int w, int h, int x0, int y0, Area a, Color tint) {
        int fill = AreaStyle.argb(tint, TINT_ALPHA);
        int edge = AreaStyle.argb(tint, EDGE_ALPHA);
        boolean dashed = AreaStyle.dashed(a.kind());
        int ax0 = (int) Math.round(a.x());
        int ay0 = (int) Math.round(a.y());
        int ax1 = (int) Math.round(a.x() + a.width());
        int ay1 = (int) Math.round(a.y() + a.height());
        for (int y = Math.max(ay0, y0); y < Math.min(ay1, y0 + h); y++) {
            for (int x = Math.max(ax0, x0); x < Math.min(ax1, x0 + w); x++) {
                boolean onEdge = x < ax0 + 3 && x >= ax0 + 1 || x >= ax1 - 3 && x < ax1 - 1
                        || y < ay0 + 3 && y >= ay0 + 1 || y >= ay1 - 3 && y < ay1 - 1;
                boolean inDash = !dashed || ((x - ax0 + y - ay0) / DASH) % 2 == 0;
                int i = (y - y0) * w + (x - x0);
                out[i] = over(onEdge && inDash ? edge : fill, out[i], 1);
            }
        }
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
        int tw = t.tileSize();
        int th = t.tileSize();
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
