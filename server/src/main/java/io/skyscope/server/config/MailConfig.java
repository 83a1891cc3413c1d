package io.skyscope.server.config;

import java.util.Locale;
import java.util.Map;

/**
 * Sending email (verification, sign-in and password-reset codes) through an SMTP server. Absent
 * ({@code SMTP_HOST} unset) means email features are off and their routes say so.
 *
 * @param security how the connection is protected: {@code starttls} (upgrade, required),
 *     {@code tls} (TLS from the first byte, usually port 465) or {@code none} (a relay on the same
 *     host or network only)
 * @param user null for a server that takes mail without signing in
 * @param codeTtlSeconds how long a code stays valid
 * @param codesPerAddressPerHour codes sent to one email address, and for one account, per hour
 * @param codesPerClientPerHour code requests from one client address per hour
 */
public record MailConfig(String host, int port, Security security, String user, String password, String from,
                         long codeTtlSeconds, int codesPerAddressPerHour, int codesPerClientPerHour) {

    /** How the SMTP connection is protected. */
    public enum Security { STARTTLS, TLS, NONE }

    /** Reads the {@code SMTP_*} and {@code EMAIL_*} variables; null when {@code SMTP_HOST} is unset. */
    static MailConfig fromEnvironment(Map<String, String> env) {
        String host = blank(env.get("SMTP_HOST"));
        if (host == null) {
            for (String dependent : new String[] {"SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM"}) {
                if (blank(env.get(dependent)) != null) {
                    throw new ConfigException("SMTP_HOST", "is required when " + dependent + " is set");
                }
            }
            return null;
        }
        Security security;
        String mode = blank(env.get("SMTP_SECURITY"));
        try {
            security = mode == null ? Security.STARTTLS : Security.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("SMTP_SECURITY", "must be 'starttls', 'tls' or 'none', got '" + mode + "'");
        }
        int port = (int) ServerConfig.whole(env, "SMTP_PORT", security == Security.TLS ? 465 : 587, 1, 65535);
        String user = blank(env.get("SMTP_USER"));
        String password = blank(env.get("SMTP_PASSWORD"));
        if ((user == null) != (password == null)) {
            throw new ConfigException(user == null ? "SMTP_USER" : "SMTP_PASSWORD",
                    "is required when " + (user == null ? "SMTP_PASSWORD" : "SMTP_USER") + " is set");
        }
        String from = blank(env.get("SMTP_FROM"));
        if (from == null || !from.matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw new ConfigException("SMTP_FROM", "must be the sender's email address (name@example.com) when "
                    + "SMTP_HOST is set, got '" + (from == null ? "" : from) + "'");
        }
        int perAddress = (int) ServerConfig.whole(env, "EMAIL_CODES_PER_ADDRESS_PER_HOUR", 5, 1, 1000);
        return new MailConfig(host, port, security, user, password, from,
                ServerConfig.whole(env, "EMAIL_CODE_TTL_SECONDS", 600, 1, 86_400), perAddress,
                (int) ServerConfig.whole(env, "EMAIL_CODES_PER_CLIENT_PER_HOUR", 20, 1, 1_000_000));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "MailConfig[host=" + host + ", port=" + port + ", security=" + security + ", user="
                + (user == null ? "none" : user) + ", password=" + (password == null ? "none" : "set") + ", from=" + from
                + ", codeTtlSeconds=" + codeTtlSeconds + "]";
    }
}
