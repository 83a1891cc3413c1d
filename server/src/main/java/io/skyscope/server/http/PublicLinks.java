package io.skyscope.server.http;

import java.net.URI;
import java.util.function.IntSupplier;

/**
 * The addresses the server hands out in invite and guest links. The base is {@code PUBLIC_URL}
 * when it is set; otherwise {@code http://<HOST>:<port>} of this server, with {@code localhost}
 * for a wildcard {@code HOST} (0.0.0.0 or ::): right for a server used on the machine it runs on,
 * and on a network only when {@code HOST} names an address others reach. Behind a proxy or with
 * TLS, {@code PUBLIC_URL} must be set.
 *
 * <p>Each link has a web form ({@code <base>/invite/<code>}, {@code <base>/guest/<code>}: a page
 * that says how to open it) and an app form ({@code skyscope://invite/<host[:port][/path]>/<code>},
 * {@code ?scheme=http} when the base is not https) that the desktop app is registered for.
 *
 * <p>Immutable and thread-safe; the port is read when a link is made (the server may listen on an
 * ephemeral port).
 */
public final class PublicLinks {
    /** The kinds of link: the path segment of the web form and the host of the app form. */
    public static final String INVITE = "invite";
    public static final String GUEST = "guest";

    private final String configured;
    private final String host;
    private final IntSupplier port;

    /**
     * @param publicUrl {@code PUBLIC_URL}, or null
     * @param host      the address the server listens on ({@code HOST})
     * @param port      the port it listens on, read when a link is made
     */
    public PublicLinks(String publicUrl, String host, IntSupplier port) {
        this.configured = publicUrl == null ? null : stripSlash(publicUrl.strip());
        this.host = host;
        this.port = port;
    }

    /** The base of every link, without a trailing slash. */
    public String base() {
        if (configured != null) {
            return configured;
        }
        String h = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
                ? "localhost" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port.getAsInt();
    }

    /** The page to pass on for a code of that kind. */
    public String web(String kind, String code) {
        return base() + "/" + kind + "/" + code;
    }

    /** The same link for the desktop app. */
    public String app(String kind, String code) {
        URI base = URI.create(base());
        String path = base.getRawPath() == null ? "" : stripSlash(base.getRawPath());
        String link = "skyscope://" + kind + "/" + base.getRawAuthority() + path + "/" + code;
        return "https".equalsIgnoreCase(base.getScheme()) ? link : link + "?scheme=http";
    }

    private static String stripSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
