package io.skyscope.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one place that says which address a request comes from. Without trusted proxies it is the
 * address of the connection. When the connection comes from a trusted proxy, it is the nearest
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy, read from the right (the
 * entries further left were written by the client and prove nothing). A malformed entry stops the
 * walk at the proxy that passed it on. Login throttling, registration limits and logs use this.
 *
 * <p>Immutable and thread-safe; called on HTTP request threads.
 */
public final class ClientAddresses {
    /** More entries than this in X-Forwarded-For are not read (a client may send any number). */
    private static final int MAX_HOPS = 32;

    private final TrustedProxies proxies;

    public ClientAddresses(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** Believes no proxy. */
    public static ClientAddresses direct() {
        return new ClientAddresses(TrustedProxies.none());
    }

    public TrustedProxies proxies() {
        return proxies;
    }

    /** The client's address as an IP literal. */
    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (proxies.isEmpty()) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                forwarded.add(hop);
            }
        }
        return resolve(peer, forwarded);
    }

    /** @param forwarded the X-Forwarded-For entries, leftmost first */
    String resolve(String peer, List<String> forwarded) {
        InetAddress current = TrustedProxies.literal(peer);
        if (current == null) {
            return peer;
        }
        int hops = 0;
        for (int i = forwarded.size() - 1; i >= 0 && hops < MAX_HOPS && proxies.contains(current); i--, hops++) {
            InetAddress next = TrustedProxies.literal(forwarded.get(i));
            if (next == null) {
                break;
            }
            current = next;
        }
        return current.getHostAddress();
    }
}
