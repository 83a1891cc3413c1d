package io.skyscope.server.space;

import io.skyscope.map.TiledMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code capacity} parsed maps by id and version, the least recently used dropped first.
 * Thread-safe: every method holds the instance's lock, only for the map operation (parsing happens
 * outside, in {@link MapCatalog}).
 */
final class ParsedMaps {
    private final Map<String, TiledMap> maps;

    ParsedMaps(int capacity) {
        this.maps = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TiledMap> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized TiledMap get(String mapId, int version) {
        return maps.get(key(mapId, version));
    }

    synchronized void put(String mapId, int version, TiledMap map) {
        maps.put(key(mapId, version), map);
    }

    synchronized void remove(String mapId, int version) {
        maps.remove(key(mapId, version));
    }

    synchronized int size() {
        return maps.size();
    }

    private static String key(String mapId, int version) {
        return mapId + ":" + version;
    }
}
