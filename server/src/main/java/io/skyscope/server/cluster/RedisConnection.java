package io.skyscope.server.cluster;

import java.net.URI;
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
        return RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), port)).clientConfig(config.build()).build();
    }
}
