package io.skyscope.bench;

import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Maps for benchmarks: the shipped office, and a large open floor built in memory. */
public final class BenchmarkMaps {
    private BenchmarkMaps() {
    }

    public static TiledMap byName(String name) {
        return switch (name) {
            case "office" -> office();
            case "campus" -> openFloor(200, 200);
            default -> throw new IllegalArgumentException("unknown map " + name);
        };
    }

    /** The default office map (60 x 40 tiles of 32 px). */
    public static TiledMap office() {
        try (InputStream in = BenchmarkMaps.class.getResourceAsStream("/maps/default-office.tmj")) {
            return TiledMapParser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An open floor of w x h tiles of 32 px with one spawn in the middle. */
    public static TiledMap openFloor(int w, int h) {
        return TiledMapParser.parse(openFloorTmj(w, h).getBytes(StandardCharsets.UTF_8));
    }

    /** The Tiled JSON of {@link #openFloor}; its one tileset image is {@code floor.png}, 32 x 32. */
    public static String openFloorTmj(int w, int h) {
        return openFloorTmj(w, h, w * 16, h * 16, "");
    }

    /**
     * An open floor of w x h tiles with its spawn at (spawnX, spawnY) and more objects in its
     * object layer ({@code objects}: Tiled JSON objects, each starting with a comma).
     */
    public static String openFloorTmj(int w, int h, double spawnX, double spawnY, String objects) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < w * h; i++) {
            data.append(i == 0 ? "1" : ",1");
        }
        String json = """
                {"type":"map","orientation":"orthogonal","infinite":false,"width":%d,"height":%d,
                 "tilewidth":32,"tileheight":32,
                 "layers":[{"type":"tilelayer","name":"floor","width":%d,"height":%d,"x":0,"y":0,"data":[%s]},
                   {"type":"objectgroup","name":"areas","objects":[
                     {"id":1,"name":"spawn","type":"spawn","x":%s,"y":%s,"width":0,"height":0}%s]}],
                 "tilesets":[{"firstgid":1,"name":"floor","image":"floor.png","imagewidth":32,"imageheight":32,
                   "tilewidth":32,"tileheight":32,"tilecount":1,"columns":1}]}
                """.formatted(w, h, w, h, data, fmt(spawnX), fmt(spawnY), objects);
        return json;
    }

    /** The one tileset image of {@link #openFloorTmj}: a plain 32 x 32 PNG. */
    public static byte[] floorPng() {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A random walkable point. */
    public static double[] randomWalkable(TiledMap map, Random random) {
        while (true) {
            double x = 16 + random.nextDouble() * (map.pixelWidth() - 32);
            double y = 16 + random.nextDouble() * (map.pixelHeight() - 32);
            if (map.collision().walkable(x, y)) {
                return new double[] {x, y};
            }
        }
    }
}
