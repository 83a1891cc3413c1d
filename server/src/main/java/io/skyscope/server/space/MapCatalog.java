package io.skyscope.server.space;

import io.skyscope.map.MapValidationException;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.PngHeader;
import io.skyscope.server.config.ServerConfig.Quotas;
import io.skyscope.server.Refused;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.store.Maps;
import io.skyscope.server.store.Spaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps as the server uses them: stored versions in {@link Maps}, parsed {@link TiledMap}s cached
 * per version (a version never changes once saved), the built-in default office seeded on first
 * start, and uploads validated, limited and stored.
 *
 * <p>What an upload may cost is bounded: uploads are rate-limited per user and per space, a space
 * may keep at most {@link Quotas#spaceMapStorageBytes} of map versions, only the newest
 * {@link Quotas#mapVersionsKept} versions of a map stay stored (older ones are deleted unless a
 * space still uses them), and at most {@link Quotas#mapCacheSize} parsed maps stay cached, least
 * recently used dropped first. Running spaces hold their own parsed map, so the cache only saves
 * parsing when a space starts again or switches maps.
 *
 * <p>Thread-safe: called from HTTP request threads and the threads that load spaces.
 */
public final class MapCatalog {
    /** Largest tileset image accepted in an upload. */
    public static final int MAX_IMAGE_BYTES = PngHeader.MAX_BYTES;
    /** Most tileset images one map may use. */
    public static final int MAX_IMAGES = 16;
    /**
     * Most bytes of one map version, JSON and images together: a version is one document in the
     * store, and MongoDB's documents end at 16 MiB (this leaves room for the field names).
     */
    public static final int MAX_MAP_BYTES = 15 * 1024 * 1024;
    private static final String DEFAULT_RESOURCE = "/maps/default-office.tmj";
    private static final Logger log = LoggerFactory.getLogger(MapCatalog.class);

    private final Maps maps;
    private final Spaces spaces;
    private final Clock clock;
    private final Quotas quotas;
    private final ParsedMaps parsed;
    private final RateLimit uploadsByUser;
    private final RateLimit uploadsBySpace;

    public MapCatalog(Maps maps, Spaces spaces, Clock clock, Quotas quotas) {
        this.maps = maps;
        this.spaces = spaces;
        this.clock = clock;
        this.quotas = quotas;
        this.parsed = new ParsedMaps(quotas.mapCacheSize());
        this.uploadsByUser = new RateLimit("map uploads from you", quotas.mapUploadsPerHour());
        this.uploadsBySpace = new RateLimit("map uploads for this space", quotas.mapUploadsPerHour());
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
                .orElseThrow(() -> Refused.notFound("no map '" + mapId + "' version " + version));
    }

    /** The newest version of a map; 404 if there is none. */
    public Maps.MapVersion latest(String mapId) {
        return maps.latest(mapId).orElseThrow(() -> Refused.notFound("no map '" + mapId + "'"));
    }

    /** The parsed map of a stored version. */
    public TiledMap load(String mapId, int version) {
        TiledMap cached = parsed.get(mapId, version);
        if (cached != null) {
            return cached;
        }
        TiledMap map = TiledMapParser.parse(version(mapId, version).tmj().getBytes(StandardCharsets.UTF_8));
        parsed.put(mapId, version, map);
        return map;
    }

    /** How many parsed maps are cached now; for metrics and tests. */
    public int cachedCount() {
        return parsed.size();
    }

    /**
     * Counts an upload against the user's and the space's rate; call it before reading the upload.
     *
     * @throws Refused 429 with the time until the next upload is allowed
     */
    public void admitUpload(String userId, String mapId) {
        uploadsByUser.acquire(userId);
        uploadsBySpace.acquire(mapId);
    }

    /**
     * Validates and stores a new version of a map, then deletes versions beyond the newest
     * {@link Quotas#mapVersionsKept} that no space uses. Every tileset image the map names must be
     * among {@code images}, be a PNG whose header declares a {@link PngHeader#sane} size and stay
     * under {@link #MAX_IMAGE_BYTES}; the whole version under {@link #MAX_MAP_BYTES}; what stays
     * stored must fit in {@link Quotas#spaceMapStorageBytes}.
     *
     * @throws Refused 400 naming what is wrong; 413 {@code too_large} for an image or a
     *                      version over its byte limit; 409 {@code quota_exceeded} when it does not fit
     */
    public Maps.MapVersion upload(String mapId, byte[] tmj, Map<String, byte[]> images, String userId) {
        TiledMap map;
        try {
            map = TiledMapParser.parse(tmj);
        } catch (MapValidationException e) {
            throw Refused.badRequest("map", "invalid map: " + e.getMessage());
        }
        if (images.size() > MAX_IMAGES) {
            throw Refused.badRequest("images", "at most " + MAX_IMAGES + " images per map, got " + images.size());
        }
        Set<String> missing = new HashSet<>(map.imageNames());
        missing.removeAll(images.keySet());
        if (!missing.isEmpty()) {
            throw Refused.badRequest("images", "the map uses tileset images that were not uploaded: "
                    + String.join(", ", missing));
        }
        Map<String, byte[]> used = new LinkedHashMap<>();
        for (String name : map.imageNames()) {
            byte[] png = images.get(name);
            if (png.length > MAX_IMAGE_BYTES) {
                throw Refused.tooLarge("images", "image '" + name + "' is " + png.length
                        + " bytes; the limit is " + MAX_IMAGE_BYTES);
            }
            PngHeader header;
            try {
                header = PngHeader.read(png);
            } catch (IllegalArgumentException e) {
                throw Refused.badRequest("images", "image '" + name + "' is not a PNG file");
            }
            if (!header.sane()) {
                throw Refused.badRequest("images", "image '" + name + "' is too big a picture: " + header.problem());
            }
            used.put(name, png);
        }
        String json = new String(tmj, StandardCharsets.UTF_8);
        long bytes = Maps.sizeOf(json, used);
        if (bytes > MAX_MAP_BYTES) {
            throw Refused.tooLarge("images", "the map and its images are " + bytes
                    + " bytes together; the limit is " + MAX_MAP_BYTES);
        }
        requireRoom(mapId, bytes);
        var saved = maps.save(mapId, json, used, userId, clock.instant());
        parsed.put(mapId, saved.version(), map);
        prune(mapId);
        return saved;
    }

    /** Refuses an upload of {@code bytes} if, with what stays stored after it, the space's quota is exceeded. */
    private void requireRoom(String mapId, long bytes) {
        Set<Integer> inUse = spaces.versionsInUse(mapId);
        List<Maps.StoredVersion> stored = maps.versions(mapId);
        long kept = bytes;
        for (int i = 0; i < stored.size(); i++) {
            // The new version will be the newest: the next mapVersionsKept - 1 stay, and any in use.
            if (i < quotas.mapVersionsKept() - 1 || inUse.contains(stored.get(i).version())) {
                kept += stored.get(i).bytes();
            }
        }
        if (kept > quotas.spaceMapStorageBytes()) {
            throw Refused.quotaExceeded("map", "This space's maps would take " + kept + " bytes; its quota is "
                    + quotas.spaceMapStorageBytes());
        }
    }

    /** Deletes the versions of a map beyond the newest {@link Quotas#mapVersionsKept} that no space uses. */
    private void prune(String mapId) {
        if (SpaceService.DEFAULT_MAP_ID.equals(mapId)) {
            return;
        }
        Set<Integer> inUse = spaces.versionsInUse(mapId);
        List<Maps.StoredVersion> stored = maps.versions(mapId);
        for (int i = quotas.mapVersionsKept(); i < stored.size(); i++) {
            int version = stored.get(i).version();
            if (!inUse.contains(version) && maps.delete(mapId, version)) {
                parsed.remove(mapId, version);
                log.info("Deleted map {} v{}: more than {} newer versions", mapId, version, quotas.mapVersionsKept());
            }
        }
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
