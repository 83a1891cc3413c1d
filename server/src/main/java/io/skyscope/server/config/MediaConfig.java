package io.skyscope.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The media server (Janus) that carries stages beyond direct links. Absent ({@code JANUS_URL}
 * unset) means no media server: stages keep their direct-link audience limit and its refusal.
 *
 * @param url             Janus's HTTP API as this server reaches it ({@code http(s)://host:8088/janus})
 * @param publicUrl       the same API as clients reach it (defaults to {@code url})
 * @param apiSecret       Janus's {@code api_secret}: only this server uses it; never sent to clients
 * @param tokenSecret     Janus's {@code token_auth_secret}: signs the clients' time-limited tokens
 * @param adminKey        the AudioBridge's {@code admin_key} (needed to create rooms where it is set), or null
 * @param stageSize       most listeners a stage reaches through the media server
 * @param tokenTtlSeconds how long a client's Janus token is valid
 */
public record MediaConfig(String url, String publicUrl, String apiSecret, String tokenSecret, String adminKey,
                          int stageSize, long tokenTtlSeconds) {
    public static final int DEFAULT_STAGE_SIZE = 500;
    public static final int MAX_STAGE_SIZE = 5000;

    public MediaConfig {
        checkUrl("JANUS_URL", url);
        checkUrl("JANUS_PUBLIC_URL", publicUrl);
        checkSecret("JANUS_API_SECRET", apiSecret);
        checkSecret("JANUS_TOKEN_SECRET", tokenSecret);
        if (adminKey != null && adminKey.isBlank()) {
            throw new ConfigException("JANUS_ADMIN_KEY", "must not be blank");
        }
        if (stageSize < 1 || stageSize > MAX_STAGE_SIZE) {
            throw new ConfigException("MEDIA_STAGE_SIZE", "must be from 1 to " + MAX_STAGE_SIZE + ", got " + stageSize);
        }
        if (tokenTtlSeconds < 60 || tokenTtlSeconds > 86_400) {
            throw new ConfigException("MEDIA_TOKEN_TTL_SECONDS", "must be from 60 to 86400, got " + tokenTtlSeconds);
        }
    }

    /** Reads the {@code JANUS_*} and {@code MEDIA_*} variables; null when {@code JANUS_URL} is unset. */
    public static MediaConfig fromEnvironment(Map<String, String> env) {
        String url = blank(env.get("JANUS_URL"));
        if (url == null) {
            for (String dependent : new String[] {"JANUS_PUBLIC_URL", "JANUS_API_SECRET", "JANUS_TOKEN_SECRET",
                    "JANUS_ADMIN_KEY", "MEDIA_STAGE_SIZE"}) {
                if (blank(env.get(dependent)) != null) {
                    throw new ConfigException("JANUS_URL", "is required when " + dependent + " is set");
                }
            }
            return null;
        }
        String publicUrl = blank(env.get("JANUS_PUBLIC_URL"));
        return new MediaConfig(url, publicUrl == null ? url : publicUrl, required(env, "JANUS_API_SECRET"),
                required(env, "JANUS_TOKEN_SECRET"), blank(env.get("JANUS_ADMIN_KEY")),
                (int) whole(env, "MEDIA_STAGE_SIZE", DEFAULT_STAGE_SIZE), whole(env, "MEDIA_TOKEN_TTL_SECONDS", 14_400));
    }

    private static String required(Map<String, String> env, String name) {
        String v = blank(env.get(name));
        if (v == null) {
            throw new ConfigException(name, "is required when JANUS_URL is set");
        }
        return v;
    }

    private static long whole(Map<String, String> env, String name, long fallback) {
        String v = blank(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number, got '" + v + "'");
        }
    }

    private static void checkUrl(String name, String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null) {
                return;
            }
        } catch (IllegalArgumentException | NullPointerException ignored) {
            // reported below
        }
        throw new ConfigException(name, "must be Janus's HTTP API URL (http:// or https://, no user or query), got '"
                + url + "'");
    }

    private static void checkSecret(String name, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new ConfigException(name, "must be at least 16 characters long");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "MediaConfig[url=" + url + ", publicUrl=" + publicUrl + ", apiSecret=set, tokenSecret=set, adminKey="
                + (adminKey == null ? "none" : "set") + ", stageSize=" + stageSize + ", tokenTtlSeconds="
                + tokenTtlSeconds + "]";
    }
}
