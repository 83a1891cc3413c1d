package io.skyscope.server.config;

import io.skyscope.server.auth.RegistrationMode;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the server is told from outside, validated at start-up. Built from environment
 * variables by {@link #fromEnvironment(Map)}; a wrong value stops start-up with a message that
 * names the variable. Secrets come only from the environment (or are generated into DATA_DIR).
 *
 * @param jwtSecret null means "generate one and keep it in DATA_DIR"
 * @param mongoUri null means "embedded store in DATA_DIR"
 * @param redisUrl null means "single node, in-process bus"
 * @param protection limits on what one client may cost the others
 * @param mail null means "no SMTP server: email features are off"
 * @param oidc null means "no single sign-on"
 * @param media null means "no media server": stages reach their direct-link audience only
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String mongoUri,
        String redisUrl,
        String jwtSecret,
        String adminUsername,
        RegistrationMode registration,
        List<String> stunUrls,
        String publicUrl,
        WorldTuning world,
        VoiceConfig voice,
        ChatTuning chat,
        Quotas quotas,
        Protection protection,
        MailConfig mail,
        OidcConfig oidc,
        MediaConfig media) {

    /** Movement and presence tuning applied to every space. */
    public record WorldTuning(double maxSpeed, double interestRadius, int tickMillis, long idleAwaySeconds) {
        public static WorldTuning defaults() {
            return new WorldTuning(320, 1200, 50, 300);
        }
    }

    /**
     * Voice: TURN servers and the secret they share with this server (both or neither), how long
     * issued TURN credentials last, and the voice settings of spaces that set none of their own.
     */
    public record VoiceConfig(List<String> turnUrls, String turnSecret, long turnTtlSeconds,
                              VoiceSettings spaceDefaults) {
        public VoiceConfig {
            turnUrls = List.copyOf(turnUrls);
        }

        public static VoiceConfig defaults() {
            return new VoiceConfig(List.of(), null, 3600, VoiceSettings.defaults());
        }

        @Override
        public String toString() {
            return "VoiceConfig[turnUrls=" + turnUrls + ", turnSecret=" + (turnSecret == null ? "none" : "set")
                    + ", turnTtlSeconds=" + turnTtlSeconds + ", spaceDefaults=" + spaceDefaults + "]";
        }
    }

    /**
     * Chat tuning: how many messages (sends and edits) one user may post, {@code burst} at once and
     * {@code ratePerSecond} after that. Nearby chat carries as far as voice ({@link VoiceSettings#joinRadius}).
     */
    public record ChatTuning(int ratePerSecond, int burst) {
        public static ChatTuning defaults() {
            return new ChatTuning(5, 20);
        }
    }

    /**
     * What one user or one space may create, how fast, and how much of it is kept.
     *
     * @param mapCacheSize         parsed map versions kept in memory (least recently used go first)
     * @param mapVersionsKept      newest versions of a map kept in the store; older ones are deleted
     *                             unless a space uses them
     * @param mapUploadsPerHour    map uploads per user and, separately, per space
     * @param spaceMapStorageBytes bytes of map versions (JSON and images) one space may keep stored
     * @param spacesPerUser        spaces one user may own
     * @param spaceCreatesPerHour  spaces one user may create per hour
     * @param groupInvitesPerHour  people one user may add to group conversations per hour
     * @param storeCacheMb         megabytes of the embedded store's pages kept in memory (its page
     *                             cache fills with what has been read, up to this)
     */
    public record Quotas(int mapCacheSize, int mapVersionsKept, int mapUploadsPerHour, long spaceMapStorageBytes,
                         int spacesPerUser, int spaceCreatesPerHour, int groupInvitesPerHour, int storeCacheMb) {
        public static Quotas defaults() {
            return new Quotas(8, 3, 30, 64L * 1024 * 1024, 20, 10, 100, 64);
        }
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", 8080, dataDir, null, null, null, null, RegistrationMode.OPEN,
                List.of(), null, WorldTuning.defaults(), VoiceConfig.defaults(), ChatTuning.defaults(),
                Quotas.defaults(), Protection.defaults(), null, null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withWorld(WorldTuning newWorld) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, newWorld, voice, chat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withVoice(VoiceConfig newVoice) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, newVoice, chat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withChat(ChatTuning newChat) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, newChat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withQuotas(Quotas newQuotas) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, newQuotas, protection, mail, oidc, media);
    }

    public ServerConfig withProtection(Protection newProtection) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, newProtection, mail, oidc, media);
    }

    public ServerConfig withMail(MailConfig newMail) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, protection, newMail, oidc, media);
    }

    public ServerConfig withOidc(OidcConfig newOidc) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, protection, mail, newOidc, media);
    }

    public ServerConfig withMedia(MediaConfig newMedia) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, publicUrl, world, voice, chat, quotas, protection, mail, oidc, newMedia);
    }

    public ServerConfig withPublicUrl(String newPublicUrl) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stunUrls, newPublicUrl, world, voice, chat, quotas, protection, mail, oidc, media);
    }

    public ServerConfig withRegistration(RegistrationMode newRegistration) {
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                newRegistration, stunUrls, publicUrl, world, voice, chat, quotas, protection, mail, oidc, media);
    }

    /** Reads and validates the configuration from environment variables (see README). */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        var d = WorldTuning.defaults();
        String host = text(env, "HOST", "0.0.0.0");
        int port = (int) whole(env, "PORT", 8080, 0, 65535);
        Path dataDir = Path.of(text(env, "DATA_DIR", "./data")).toAbsolutePath().normalize();
        String mongoUri = uri(env, "MONGO_URI", "mongodb", "mongodb+srv");
        String redisUrl = uri(env, "REDIS_URL", "redis", "rediss");
        String jwtSecret = blankToNull(env.get("JWT_SECRET"));
        if (jwtSecret != null && jwtSecret.length() < 32) {
            throw new ConfigException("JWT_SECRET", "must be at least 32 characters long, got " + jwtSecret.length());
        }
        if (redisUrl != null && jwtSecret == null) {
            throw new ConfigException("JWT_SECRET",
                    "is required when REDIS_URL is set: several nodes cannot share a generated secret");
        }
        if (redisUrl != null && mongoUri == null) {
            throw new ConfigException("MONGO_URI",
                    "is required when REDIS_URL is set: several nodes cannot share an embedded store");
        }
        String adminUsername = blankToNull(env.get("ADMIN_USERNAME"));
        RegistrationMode registration;
        try {
            registration = RegistrationMode.parse(text(env, "REGISTRATION", "open"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("REGISTRATION", "must be 'open' or 'invite', got '" + env.get("REGISTRATION") + "'");
        }
        List<String> stun = list(env, "STUN_URLS");
        for (String url : stun) {
            if (!url.startsWith("stun:") && !url.startsWith("stuns:")) {
                throw new ConfigException("STUN_URLS", "each entry must start with stun: or stuns:, got '" + url + "'");
            }
        }
        String publicUrl = uri(env, "PUBLIC_URL", "http", "https");
        var world = new WorldTuning(
                decimal(env, "MAX_SPEED", d.maxSpeed(), 10, 5000),
                decimal(env, "INTEREST_RADIUS", d.interestRadius(), 64, 20000),
                (int) whole(env, "TICK_MILLIS", d.tickMillis(), 20, 1000),
                whole(env, "IDLE_AWAY_SECONDS", d.idleAwaySeconds(), 10, 86_400));
        var c = ChatTuning.defaults();
        var chat = new ChatTuning(
                (int) whole(env, "CHAT_RATE_PER_SECOND", c.ratePerSecond(), 1, 100_000),
                (int) whole(env, "CHAT_BURST", c.burst(), 1, 100_000));
        return new ServerConfig(host, port, dataDir, mongoUri, redisUrl, jwtSecret, adminUsername,
                registration, stun, publicUrl, world, voice(env), chat, quotas(env),
                Protection.fromEnvironment(env), MailConfig.fromEnvironment(env),
                OidcConfig.fromEnvironment(env), MediaConfig.fromEnvironment(env));
    }

    private static Quotas quotas(Map<String, String> env) {
        var q = Quotas.defaults();
        return new Quotas(
                (int) whole(env, "MAP_CACHE_SIZE", q.mapCacheSize(), 1, 1000),
                (int) whole(env, "MAP_VERSIONS_KEPT", q.mapVersionsKept(), 1, 1000),
                (int) whole(env, "MAP_UPLOADS_PER_HOUR", q.mapUploadsPerHour(), 1, 100_000),
                whole(env, "SPACE_MAP_STORAGE_MB", q.spaceMapStorageBytes() >> 20, 1, 1_048_576) << 20,
                (int) whole(env, "SPACES_PER_USER", q.spacesPerUser(), 1, 1_000_000),
                (int) whole(env, "SPACE_CREATES_PER_HOUR", q.spaceCreatesPerHour(), 1, 100_000),
                (int) whole(env, "GROUP_INVITES_PER_HOUR", q.groupInvitesPerHour(), 1, 1_000_000),
                (int) whole(env, "STORE_CACHE_MB", q.storeCacheMb(), 16, 65_536));
    }

    private static VoiceConfig voice(Map<String, String> env) {
        List<String> turn = list(env, "TURN_URLS");
        for (String url : turn) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new ConfigException("TURN_URLS", "each entry must start with turn: or turns:, got '" + url + "'");
            }
        }
        String secret = blankToNull(env.get("TURN_SECRET"));
        if (!turn.isEmpty() && secret == null) {
            throw new ConfigException("TURN_SECRET",
                    "is required when TURN_URLS is set: it is the TURN server's static-auth-secret");
        }
        if (secret != null && turn.isEmpty()) {
            throw new ConfigException("TURN_URLS", "is required when TURN_SECRET is set: which TURN servers use it?");
        }
        if (secret != null && secret.length() < 16) {
            throw new ConfigException("TURN_SECRET", "must be at least 16 characters long, got " + secret.length());
        }
        long ttl = whole(env, "TURN_TTL_SECONDS", 3600, 60, 7 * 86_400);
        var d = VoiceSettings.defaults();
        double join = decimal(env, "VOICE_JOIN_RADIUS", d.joinRadius(), 16, VoiceSettings.MAX_RADIUS);
        double leave = decimal(env, "VOICE_LEAVE_RADIUS", Math.max(d.leaveRadius(), join * 1.25), 16,
                VoiceSettings.MAX_RADIUS);
        if (leave < join) {
            throw new ConfigException("VOICE_LEAVE_RADIUS",
                    "must be at least VOICE_JOIN_RADIUS (" + join + "), got " + leave);
        }
        var defaults = new VoiceSettings(join, leave,
                (int) whole(env, "VOICE_MAX_PEERS", d.maxPeers(), 1, VoiceSettings.MAX_PEERS),
                whole(env, "VOICE_DEBOUNCE_MILLIS", d.debounceMillis(), 0, VoiceSettings.MAX_DEBOUNCE_MILLIS),
                (int) whole(env, "ROOM_CAPACITY", d.roomCapacity(), 2, VoiceSettings.MAX_ROOM_CAPACITY),
                (int) whole(env, "STAGE_AUDIENCE", d.stageAudience(), 1, VoiceSettings.MAX_STAGE_AUDIENCE),
                decimal(env, "VOICE_WALKING_SPEED", d.walkingSpeed(), 0, VoiceSettings.MAX_WALKING_SPEED),
                (int) whole(env, "VOICE_VIDEO_PEERS", d.videoPeers(), 0, VoiceSettings.MAX_VIDEO_PEERS),
                (int) whole(env, "ROOM_MESH", d.roomMesh(), 2, VoiceSettings.MAX_ROOM_CAPACITY));
        return new VoiceConfig(turn, secret, ttl, defaults);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String v = blankToNull(env.get(name));
        return v == null ? fallback : v;
    }

    static long whole(Map<String, String> env, String name, long fallback, long min, long max) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name, "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static double decimal(Map<String, String> env, String name, double fallback, double min, double max) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name, "must be a number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static String uri(Map<String, String> env, String name, String... schemes) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return null;
        }
        try {
            String scheme = URI.create(v).getScheme();
            if (scheme != null && Arrays.asList(schemes).contains(scheme.toLowerCase(Locale.ROOT))) {
                return v;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigException(name, "must be a URL starting with " + String.join("://, ", schemes)
                + "://, got '" + redact(v) + "'");
    }

    static List<String> list(Map<String, String> env, String name) {
        String v = blankToNull(env.get(name));
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Hides a password in a URL before it is printed. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", mongo=" + (mongoUri == null ? "embedded" : redact(mongoUri))
                + ", redis=" + (redisUrl == null ? "none (in-process bus)" : redact(redisUrl))
                + ", jwtSecret=" + (jwtSecret == null ? "generated" : "set")
                + ", registration=" + registration + ", world=" + world + ", voice=" + voice + ", chat=" + chat
                + ", quotas=" + quotas + ", protection=" + protection + ", mail=" + (mail == null ? "off" : mail)
                + ", sso=" + (oidc == null ? "off" : oidc) + ", media=" + (media == null ? "none" : media) + "]";
    }
}
