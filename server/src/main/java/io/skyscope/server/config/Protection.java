package io.skyscope.server.config;

import io.skyscope.server.http.TrustedProxies;
import java.util.List;
import java.util.Map;

/**
 * Limits that keep one client from hurting everyone else (see the README, "Security"): which
 * reverse proxies' {@code X-Forwarded-For} is believed, how many connections one address may hold,
 * how long a client may take to send its request headers and how long an idle HTTP connection is
 * kept, how many accounts may be registered per address and in all, and how long an access token
 * lasts.
 *
 * @param trustedProxies addresses or CIDR ranges of reverse proxies (empty: believe none)
 * @param connectionsPerAddress open connections one address may hold (trusted proxies: no cap)
 * @param headerTimeoutSeconds time from connecting to the end of the first request's headers
 * @param idleTimeoutSeconds an HTTP connection (not a WebSocket) with nothing to do is closed after this
 * @param registrationsPerAddressPerHour accounts one address may register per hour (as a burst, then spread)
 * @param registrationsPerHour accounts the whole server registers per hour, from all addresses
 * @param accessTokenTtlSeconds how long an access token lasts (a stolen one is good for that long at most)
 */
public record Protection(List<String> trustedProxies, int connectionsPerAddress, int headerTimeoutSeconds,
                         int idleTimeoutSeconds, int registrationsPerAddressPerHour, int registrationsPerHour,
                         int accessTokenTtlSeconds) {
    public Protection {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static Protection defaults() {
        return new Protection(List.of(), 256, 10, 30, 30, 600, 900);
    }

    public Protection withTrustedProxies(List<String> proxies) {
        return new Protection(proxies, connectionsPerAddress, headerTimeoutSeconds, idleTimeoutSeconds,
                registrationsPerAddressPerHour, registrationsPerHour, accessTokenTtlSeconds);
    }

    public Protection withConnections(int perAddress, int headerTimeout, int idleTimeout) {
        return new Protection(trustedProxies, perAddress, headerTimeout, idleTimeout, registrationsPerAddressPerHour,
                registrationsPerHour, accessTokenTtlSeconds);
    }

    public Protection withRegistrations(int perAddressPerHour, int perHour) {
        return new Protection(trustedProxies, connectionsPerAddress, headerTimeoutSeconds, idleTimeoutSeconds,
                perAddressPerHour, perHour, accessTokenTtlSeconds);
    }

    public Protection withAccessTokenTtl(int seconds) {
        return new Protection(trustedProxies, connectionsPerAddress, headerTimeoutSeconds, idleTimeoutSeconds,
                registrationsPerAddressPerHour, registrationsPerHour, seconds);
    }

    /** Reads the {@code TRUSTED_PROXIES}, connection and registration variables; see README. */
    static Protection fromEnvironment(Map<String, String> env) {
        var d = defaults();
        List<String> proxies = ServerConfig.list(env, "TRUSTED_PROXIES");
        try {
            TrustedProxies.parse(proxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TRUSTED_PROXIES", e.getMessage());
        }
        int perAddress = (int) ServerConfig.whole(env, "REGISTER_PER_ADDRESS_PER_HOUR",
                d.registrationsPerAddressPerHour(), 1, 1_000_000);
        int global = (int) ServerConfig.whole(env, "REGISTER_PER_HOUR", d.registrationsPerHour(), 1, 10_000_000);
        if (global < perAddress) {
            throw new ConfigException("REGISTER_PER_HOUR",
                    "must be at least REGISTER_PER_ADDRESS_PER_HOUR (" + perAddress + "), got " + global);
        }
        return new Protection(proxies,
                (int) ServerConfig.whole(env, "MAX_CONNECTIONS_PER_ADDRESS", d.connectionsPerAddress(), 2, 1_000_000),
                (int) ServerConfig.whole(env, "HEADER_TIMEOUT_SECONDS", d.headerTimeoutSeconds(), 1, 300),
                (int) ServerConfig.whole(env, "IDLE_TIMEOUT_SECONDS", d.idleTimeoutSeconds(), 5, 3600),
                perAddress, global,
                (int) ServerConfig.whole(env, "ACCESS_TOKEN_TTL_SECONDS", d.accessTokenTtlSeconds(), 5, 86_400));
    }
}
