package io.skyscope.server.cluster;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** Builds the Redis client from {@code REDIS_URL} ({@code redis://[user:password@]host[:port][/db]}, or {@code rediss://}). */
public final class RedisConnection {
    /** Connecting and each command give up after this long, so nothing waits long on a lost Redis. */
    private static final int TIMEOUT_MS = 2_000;

    private RedisConnection() {
    }

    public static RedisClient client(String url) {
        URI uri = URI.create(url);
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MS)
                .socketTimeoutMillis(TIMEOUT_MS)
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("skyscope");
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                config.password(userInfo);
            } else {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        // After Redis restarts, pooled connections are dead until used: each is checked (PING) when
        // borrowed, so a publish batch or a lease renewal does not fail on one. Nobody waits for a
        // connection longer than a command may take.
        var pool = new ConnectionPoolConfig();
        pool.setTestOnBorrow(true);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        return RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), port)).clientConfig(config.build())
                .poolConfig(pool).build();
    }
}
