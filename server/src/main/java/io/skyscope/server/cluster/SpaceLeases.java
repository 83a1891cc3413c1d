package io.skyscope.server.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The Redis keys that say which node owns which space: {@code skyscope:space-owner:<spaceId>}
 * holds the owning node's id and expires unless renewed (a lease), and
 * {@code skyscope:space-positions:<spaceId>} holds where people stood, for the next owner.
 * Every method may throw {@code JedisException} while Redis is unreachable. Thread-safe.
 */
final class SpaceLeases {
    /** Extend our lease, or take it if nobody holds it (first use, or Redis restarted empty); 0 if another node holds it. */
    private static final String RENEW = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";
    private static final long POSITIONS_TTL_MS = 10 * 60_000;

    private final RedisClient redis;
    private final String nodeId;
    private final long ttlMillis;

    SpaceLeases(RedisClient redis, String nodeId, long ttlMillis) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.ttlMillis = ttlMillis;
    }

    /** The node holding the space's lease, or null. */
    String holder(String spaceId) {
        return redis.get(ownerKey(spaceId));
    }

    /** Takes the lease if nobody holds it, or extends it if this node does; false if another node holds it. */
    boolean renew(String spaceId) {
        Object result = redis.eval(RENEW, List.of(ownerKey(spaceId)), List.of(nodeId, String.valueOf(ttlMillis)));
        return result instanceof Long n && n == 1;
    }

    void release(String spaceId) {
        redis.eval(RELEASE, List.of(ownerKey(spaceId)), List.of(nodeId));
    }

    void savePositions(String spaceId, Map<String, double[]> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        positions.forEach((userId, at) -> values.put(userId, at[0] + "," + at[1]));
        String key = positionsKey(spaceId);
        redis.hset(key, values);
        redis.pexpire(key, POSITIONS_TTL_MS);
    }

    Map<String, double[]> positions(String spaceId) {
        Map<String, double[]> at = new HashMap<>();
        redis.hgetAll(positionsKey(spaceId)).forEach((userId, value) -> {
            String[] xy = value.split(",");
            try {
                at.put(userId, new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            } catch (RuntimeException e) {
                // not written by this code; ignored
            }
        });
        return at;
    }

    private static String ownerKey(String spaceId) {
        return "skyscope:space-owner:" + spaceId;
    }

    private static String positionsKey(String spaceId) {
        return "skyscope:space-positions:" + spaceId;
    }
}
