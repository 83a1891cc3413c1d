package io.skyscope.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Single sign-on through an OpenID Connect provider (Keycloak, Google Workspace, Microsoft Entra).
 * Absent ({@code OIDC_ISSUER} unset) means single sign-on is off and its routes say so.
 *
 * @param issuer              the provider's issuer URL exactly as its discovery document states it
 *                            ({@code https://}; {@code http://} only on this host, for tests)
 * @param clientId            SkyScope's client id at the provider
 * @param clientSecret        its secret; only from the environment, never logged
 * @param name                what the sign-in button says ("Sign in with {name}")
 * @param ssoOnly             password registration and sign-in are off (server admins may still sign
 *                            in with a password, so that a broken provider cannot lock everyone out)
 * @param stateTtlSeconds     how long a started sign-in may take in the browser
 * @param startsPerClientPerHour sign-ins one client address may start per hour
 */
public record OidcConfig(String issuer, String clientId, String clientSecret, String name, boolean ssoOnly,
                         long stateTtlSeconds, int startsPerClientPerHour) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** Reads the {@code OIDC_*} and {@code SSO_ONLY} variables; null when {@code OIDC_ISSUER} is unset. */
    static OidcConfig fromEnvironment(Map<String, String> env) {
        String issuer = blank(env.get("OIDC_ISSUER"));
        if (issuer == null) {
            for (String dependent : new String[] {"OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"}) {
                if (blank(env.get(dependent)) != null) {
                    throw new ConfigException("OIDC_ISSUER", "is required when " + dependent + " is set");
                }
            }
            if (flag(env)) {
                throw new ConfigException("SSO_ONLY", "needs single sign-on: set OIDC_ISSUER, OIDC_CLIENT_ID and "
                        + "OIDC_CLIENT_SECRET too");
            }
            return null;
        }
        checkIssuer(issuer);
        String clientId = blank(env.get("OIDC_CLIENT_ID"));
        if (clientId == null) {
            throw new ConfigException("OIDC_CLIENT_ID", "is required when OIDC_ISSUER is set");
        }
        String secret = blank(env.get("OIDC_CLIENT_SECRET"));
        if (secret == null) {
            throw new ConfigException("OIDC_CLIENT_SECRET", "is required when OIDC_ISSUER is set (the secret the "
                    + "provider gave SkyScope's client)");
        }
        String name = blank(env.get("OIDC_NAME"));
        if (name != null && (name.length() > 40 || name.codePoints().anyMatch(Character::isISOControl))) {
            throw new ConfigException("OIDC_NAME", "must be at most 40 characters without control characters");
        }
        return new OidcConfig(issuer, clientId, secret, name == null ? "single sign-on" : name, flag(env),
                ServerConfig.whole(env, "OIDC_STATE_TTL_SECONDS", 600, 30, 3600),
                (int) ServerConfig.whole(env, "OIDC_STARTS_PER_CLIENT_PER_HOUR", 60, 1, 1_000_000));
    }

    /** The issuer must be an https URL without query or fragment; plain http only on this host. */
    static void checkIssuer(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("OIDC_ISSUER", "is not a URL: '" + issuer + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new ConfigException("OIDC_ISSUER", "must start with https:// (http:// only for a provider on this "
                    + "host), got '" + issuer + "'");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new ConfigException("OIDC_ISSUER", "must be the issuer URL without user, query or fragment, got '"
                    + issuer + "'");
        }
    }

    private static boolean flag(Map<String, String> env) {
        String v = blank(env.get("SSO_ONLY"));
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ConfigException("SSO_ONLY", "must be 'true' or 'false', got '" + v + "'");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=set, name=" + name
                + ", ssoOnly=" + ssoOnly + ", stateTtlSeconds=" + stateTtlSeconds + "]";
    }
}
