package io.skyscope.server.store;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The {@code maps} collection: uploaded Tiled maps, one document per version, immutable once
 * saved. {@code _id} = {@code mapId + ":" + version}, so loading the version a space uses is a
 * lookup by id; finding the latest version scans the map's versions on the embedded store.
 *
 * <p>A document holds the map JSON and its tileset PNGs, so a map with its images must stay under
 * MongoDB's 16 MiB document limit; the upload route enforces a smaller limit.
 *
 * <p>Thread-safe. {@link #save} numbers versions without a race through the unique {@code _id}.
 */
public final class Maps {
    private static final int SAVE_ATTEMPTS = 5;

    private final MongoCollection<Document> maps;

    public Maps(MongoStore store) {
        MongoDatabase db = store.database();
        Indexes indexes = store.indexes();
        this.maps = db.getCollection("maps");
        indexes.ascending(maps, "mapId", "version");
    }

    /**
     * One version of a map. {@code tmj} is the Tiled JSON; {@code images} maps a file name the
     * JSON refers to onto that file's PNG bytes. The arrays are shared, not copied: do not modify.
     */
    public record MapVersion(String mapId, int version, String tmj, Map<String, byte[]> images, String uploadedBy,
                             Instant createdAt) {
    }

    /** A stored version's number and size (JSON plus images, in bytes), without its content. */
    public record StoredVersion(int version, long bytes) {
    }

    /** Size of a version as counted against a space's storage quota: its JSON and its images. */
    public static long sizeOf(String tmj, Map<String, byte[]> images) {
        long bytes = tmj.getBytes(StandardCharsets.UTF_8).length;
        for (byte[] png : images.values()) {
            bytes += png.length;
        }
        return bytes;
    }

    static String id(String mapId, int version) {
        return mapId + ":" + version;
    }

    public Optional<MapVersion> get(String mapId, int version) {
        return Optional.ofNullable(maps.find(eq("_id", id(mapId, version))).first()).map(Maps::fromDocument);
    }

    /** Whether that version exists, without loading its content. */
    public boolean exists(String mapId, int version) {
        return maps.find(eq("_id", id(mapId, version))).projection(Projections.include("_id")).first() != null;
    }

    /** The highest version of the map, if it has any. */
    public Optional<MapVersion> latest(String mapId) {
        return latestVersion(mapId).flatMap(v -> get(mapId, v));
    }

    /**
     * Saves the map as its next version (1 for a new map id).
     *
     * @return what was saved, with its version number
     */
    public MapVersion save(String mapId, String tmj, Map<String, byte[]> images, String uploadedBy, Instant now) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            int version = latestVersion(mapId).orElse(0) + 1;
            MapVersion map = new MapVersion(mapId, version, tmj, Map.copyOf(images), uploadedBy, Docs.millis(now));
            try {
                maps.insertOne(toDocument(map));
                return map;
            } catch (MongoWriteException e) {
                if (!Docs.isDuplicateKey(e)) {
                    throw e;
                }
                // Another upload of the same map took this version number: count again.
            }
        }
        throw new IllegalStateException("Could not number a new version of map " + mapId);
    }

    /** Every stored version of a map with its size, newest first, without loading the content. */
    public List<StoredVersion> versions(String mapId) {
        List<StoredVersion> result = new ArrayList<>();
        for (Document d : maps.find(eq("mapId", mapId)).projection(Projections.include("version", "bytes"))
                .sort(Sorts.descending("version"))) {
            int version = d.getInteger("version");
            Number bytes = d.get("bytes", Number.class);
            // Versions stored before sizes were recorded: measure them once, here.
            long size = bytes != null ? bytes.longValue()
                    : get(mapId, version).map(m -> sizeOf(m.tmj(), m.images())).orElse(0L);
            result.add(new StoredVersion(version, size));
        }
        return result;
    }

    /** Deletes one version of a map. @return whether it was there */
    public boolean delete(String mapId, int version) {
        return maps.deleteOne(eq("_id", id(mapId, version))).getDeletedCount() == 1;
    }

    /** Deletes every version of a map. @return how many */
    public long deleteAll(String mapId) {
        return maps.deleteMany(eq("mapId", mapId)).getDeletedCount();
    }

    private Optional<Integer> latestVersion(String mapId) {
        Document top = maps.find(eq("mapId", mapId)).projection(Projections.include("version"))
                .sort(Sorts.descending("version")).first();
        return Optional.ofNullable(top).map(d -> d.getInteger("version"));
    }

    private static Document toDocument(MapVersion m) {
        // An array of {name, data} rather than a sub-document: file names contain dots, which
        // are not safe in field names.
        List<Document> images = new ArrayList<>();
        m.images().forEach((name, png) -> images.add(new Document("name", name).append("data", new Binary(png))));
        return new Document("_id", id(m.mapId(), m.version()))
                .append("mapId", m.mapId())
                .append("version", m.version())
                .append("tmj", m.tmj())
                .append("images", images)
                .append("bytes", sizeOf(m.tmj(), m.images()))
                .append("uploadedBy", m.uploadedBy())
                .append("createdAt", Docs.date(m.createdAt()));
    }

    private static MapVersion fromDocument(Document d) {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (Document image : d.getList("images", Document.class, List.of())) {
            images.put(image.getString("name"), Docs.bytes(image.get("data")));
        }
        return new MapVersion(d.getString("mapId"), d.getInteger("version"), d.getString("tmj"),
                Collections.unmodifiableMap(images), d.getString("uploadedBy"), Docs.instant(d, "createdAt"));
    }
}
