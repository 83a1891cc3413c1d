package io.skyscope.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An invite or guest link as people pass them on, parsed into the server it points at and the
 * code. Accepts the app form the desktop app is registered for,
 * {@code skyscope://invite/<host[:port][/path]>/<code>} (or {@code skyscope://guest/…}; https
 * unless {@code ?scheme=http} follows), and the web form the server hands out,
 * {@code http(s)://<host[:port][/path]>/invite/<code>} (or {@code /guest/<code>}).
 *
 * <p>Refuses anything else with a message that says what is wrong: user info in the address
 * (it could make {@code skyscope://invite/bank.example@evil.example/…} look like another host), a
 * fragment, an empty host, a code that is not 8 to 64 of {@code A-Z a-z 0-9 _ -}. Immutable.
 *
 * @param kind   what the code is for
 * @param server the server's base address, ending in {@code /}
 * @param code   the invite code or guest link code
 */
public record InviteLink(Kind kind, URI server, String code) {
    /** What a link lets you do. */
    public enum Kind {
        /** Join a space with an account (register or sign in with the code). */
        INVITE,
        /** Join a space as a guest, with a display name only. */
        GUEST
    }

    public static final String SCHEME = "skyscope";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int MAX_LENGTH = 2048;

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static InviteLink parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the link is empty");
        }
        String link = text.strip();
        if (link.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the link is longer than " + MAX_LENGTH + " characters");
        }
        if (link.regionMatches(true, 0, SCHEME + "://", 0, SCHEME.length() + 3)) {
            return app(link.substring(SCHEME.length() + 3));
        }
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a link: " + e.getMessage());
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an invite link has no '#' part");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> web(uri, scheme);
            default -> throw new IllegalArgumentException(
                    "an invite link starts with skyscope://, https:// or http://");
        };
    }

    /** The link in its app form, for handing to the desktop app. */
    public String appLink() {
        String path = trimSlashes(server.getRawPath());
        String link = SCHEME + "://" + kind.name().toLowerCase(Locale.ROOT) + "/" + server.getRawAuthority()
                + (path.isEmpty() ? "" : "/" + path) + "/" + code;
        return server.getScheme().equals("https") ? link : link + "?scheme=http";
    }

    /**
     * {@code <kind>/<host[:port][/path]>/<code>[?scheme=http]}, what follows {@code skyscope://}.
     * Split by hand: an IPv6 host ({@code [::1]}) is not a valid path for {@link URI}.
     */
    private static InviteLink app(String afterScheme) {
        if (afterScheme.contains("#")) {
            throw new IllegalArgumentException("an invite link has no '#' part");
        }
        int q = afterScheme.indexOf('?');
        String query = q < 0 ? null : afterScheme.substring(q + 1);
        String path = q < 0 ? afterScheme : afterScheme.substring(0, q);
        int slash = path.indexOf('/');
        Kind kind = kind(slash < 0 ? path : path.substring(0, slash));
        String scheme;
        if (query == null || query.isEmpty() || query.equals("scheme=https")) {
            scheme = "https";
        } else if (query.equals("scheme=http")) {
            scheme = "http";
        } else {
            throw new IllegalArgumentException("unknown option '" + abbreviate(query) + "' (only scheme=http)");
        }
        String rest = slash < 0 ? "" : trimSlashes(path.substring(slash + 1));
        int cut = rest.lastIndexOf('/');
        if (cut <= 0) {
            throw new IllegalArgumentException("the link names no server: skyscope://" + kind.name()
                    .toLowerCase(Locale.ROOT) + "/<host>/<code>");
        }
        return of(kind, scheme + "://" + rest.substring(0, cut), rest.substring(cut + 1));
    }

    /** {@code http(s)://<host[:port][/path]>/<kind>/<code>} */
    private static InviteLink web(URI uri, String scheme) {
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("an invite link has no '?' part");
        }
        String path = trimSlashes(uri.getRawPath() == null ? "" : uri.getRawPath());
        String[] parts = path.split("/");
        if (parts.length < 2) {
            throw new IllegalArgumentException("the link's path ends in neither /invite/<code> nor /guest/<code>");
        }
        Kind kind = kind(parts[parts.length - 2]);
        String prefix = String.join("/", java.util.Arrays.copyOf(parts, parts.length - 2));
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        return of(kind, scheme + "://" + authority + (prefix.isEmpty() ? "" : "/" + prefix), parts[parts.length - 1]);
    }

    private static InviteLink of(Kind kind, String base, String code) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(code) + "' is not an invite code (8 to 64 letters, "
                    + "digits, '_' or '-')");
        }
        URI server;
        try {
            server = new URI(base + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the link's server is not an address: " + e.getMessage());
        }
        String authority = server.getRawAuthority();
        if (server.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
            throw new IllegalArgumentException("an invite link has no user name before its host ('@')");
        }
        if (server.getHost() == null || server.getHost().isEmpty()) {
            throw new IllegalArgumentException("the link names no server host");
        }
        return new InviteLink(kind, server, code);
    }

    private static Kind kind(String word) {
        if (word == null) {
            throw new IllegalArgumentException("the link says neither invite nor guest");
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "invite" -> Kind.INVITE;
            case "guest" -> Kind.GUEST;
            default -> throw new IllegalArgumentException("'" + abbreviate(word) + "' is neither invite nor guest");
        };
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
