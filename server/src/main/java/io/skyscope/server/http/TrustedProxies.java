package io.skyscope.server.http;

import java.net.InetAddress;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} the server believes: single addresses
 * ({@code 10.0.0.5}, {@code ::1}) or CIDR ranges ({@code 10.0.0.0/8}). Entries are IP literals;
 * nothing is ever looked up in DNS. Immutable and thread-safe.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Believes no proxy: every client is the address its connection comes from. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param entries IP literals or CIDR ranges
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        return new TrustedProxies(entries.stream().map(TrustedProxies::range).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The address as an IP literal, or null if it is not one (no DNS lookup either way). */
    static InetAddress literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 45) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("each entry must be an IP address or a CIDR range like 10.0.0.0/8, got '"
                    + entry + "'");
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("the prefix length in '" + entry + "' must be 0 to " + bits);
            }
        }
        return new Range(address.getAddress(), prefix);
    }
}
