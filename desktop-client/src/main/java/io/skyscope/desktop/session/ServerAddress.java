package io.skyscope.desktop.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Turns what someone types as a server address ("office.example.com", "localhost:8080") into a URI. */
public final class ServerAddress {

    private ServerAddress() {
    }

    /**
     * @throws IllegalArgumentException with a message that says what to type instead
     */
    public static URI parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter the address of your SkyScope server, e.g. http://localhost:8080");
        }
        if (!text.contains("://")) {
            boolean local = text.startsWith("localhost") || text.startsWith("127.") || text.startsWith("[::1]");
            text = (local ? "http://" : "https://") + text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("The server address must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("'" + typed + "' has no host name; try http://host:port");
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(scheme, uri.getRawAuthority(), path.endsWith("/") ? path : path + "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a server address; try http://host:port", e);
        }
    }

    /**
     * An invite code from what was pasted: a bare code, or a link whose last path segment (or
     * {@code invite}/{@code code} query parameter) is the code.
     */
    public static String inviteCode(String pasted) {
        String text = pasted == null ? "" : pasted.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Paste the invite link or code you were sent");
        }
        if (!text.contains("/") && !text.contains("?")) {
            return text;
        }
        try {
            URI uri = new URI(text);
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2 && (kv[0].equals("invite") || kv[0].equals("code")) && !kv[1].isBlank()) {
                        return kv[1];
                    }
                }
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (!last.isEmpty() && !last.equals("accept")) {
                return last;
            }
            String trimmed = path.replaceAll("/accept$", "");
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("That does not look like an invite link; paste the whole link or just the code", e);
        }
    }
}
