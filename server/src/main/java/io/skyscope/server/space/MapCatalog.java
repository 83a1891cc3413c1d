package io.skyscope.server.space;

import io.skyscope.server.http.ApiException;
import io.skyscope.server.store.Maps;
import io.skyscope.server.world.map.MapValidationException;
import io.skyscope.server.world.map.TiledMap;
import io.skyscope.server.world.map.TiledMapParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps as the server uses them: stored versions in {@link Maps}, parsed {@link TiledMap}s cached
 * per version (a version never changes once saved), the built-in default office seeded on first
 * start, and uploads validated before they are stored. Thread-safe.
 */
public final class MapCatalog {
    /** Largest tileset image accepted in an upload. */
    public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    /** Most tileset images one map may use. */
    public static final int MAX_IMAGES = 16;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String DEFAULT_RESOURCE = "/maps/default-office.tmj";

    private final Maps maps;
    private final Clock clock;
    private final Map<String, TiledMap> parsed = new ConcurrentHashMap<>();

    public MapCatalog(Maps maps, Clock clock) {
        this.maps = maps;
        this.clock = clock;
    }

    /** Stores the built-in office map as version 1 of {@link SpaceService#DEFAULT_MAP_ID} if absent. */
    public void ensureDefaultMap() {
        if (maps.exists(SpaceService.DEFAULT_MAP_ID, SpaceService.DEFAULT_MAP_VERSION)) {
            return;
        }
        byte[] tmj = resource(DEFAULT_RESOURCE);
        TiledMap map = TiledMapParser.parse(tmj);
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (String image : map.imageNames()) {
            images.put(image, resource("/maps/" + image));
        }
        maps.save(SpaceService.DEFAULT_MAP_ID, new String(tmj, StandardCharsets.UTF_8), images, null, clock.instant());
    }

    /** A stored map version; 404 if there is none. */
    public Maps.MapVersion version(String mapId, int version) {
        return maps.get(mapId, version)
                .orElseThrow(() -> ApiException.notFound("no map '" + mapId + "' version " + version));
    }

    /** The newest version of a map; 404 if there is none. */
    public Maps.MapVersion latest(String mapId) {
        return maps.latest(mapId).orElseThrow(() -> ApiException.notFound("no map '" + mapId + "'"));
    }

    /** The parsed map of a stored version. */
    public TiledMap load(String mapId, int version) {
        return parsed.computeIfAbsent(mapId + ":" + version, key ->
                TiledMapParser.parse(version(mapId, version).tmj().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Validates and stores a new version of a map. Every tileset image the map names must be
     * among {@code images}, be a PNG and stay under {@link #MAX_IMAGE_BYTES}.
     *
     * @throws ApiException 400 naming what is wrong
     */
    public Maps.MapVersion upload(String mapId, byte[] tmj, Map<String, byte[]> images, String userId) {
        TiledMap map;
        try {
            map = TiledMapParser.parse(tmj);
        } catch (MapValidationException e) {
            throw ApiException.badRequest("map", "invalid map: " + e.getMessage());
        }
        if (images.size() > MAX_IMAGES) {
            throw ApiException.badRequest("images", "at most " + MAX_IMAGES + " images per map, got " + images.size());
        }
        Set<String> missing = new HashSet<>(map.imageNames());
        missing.removeAll(images.keySet());
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("images", "the map uses tileset images that were not uploaded: "
                    + String.join(", ", missing));
        }
        Map<String, byte[]> used = new LinkedHashMap<>();
        for (String name : map.imageNames()) {
            byte[] png = images.get(name);
            if (png.length > MAX_IMAGE_BYTES) {
                throw ApiException.badRequest("images", "image '" + name + "' is " + png.length
                        + " bytes; the limit is " + MAX_IMAGE_BYTES);
            }
            if (png.length < PNG_MAGIC.length || !Arrays.equals(png, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
                throw ApiException.badRequest("images", "image '" + name + "' is not a PNG file");
            }
            used.put(name, png);
        }
        var saved = maps.save(mapId, new String(tmj, StandardCharsets.UTF_8), used, userId, clock.instant());
        parsed.put(mapId + ":" + saved.version(), map);
        return saved;
    }

    private static byte[] resource(String path) {
        try (InputStream in = MapCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
