package io.skyscope.server.http;

import io.javalin.http.Context;

/**
 * Small HTML pages the server answers browsers with (an email link opened from a mail client).
 * Everything put in is escaped; the headers forbid scripts, framing, caching and sending the
 * address (which may hold a token) on as a referrer. Stateless.
 */
final class HtmlPages {
    private HtmlPages() {
    }

    /** Writes a page of {@code title} and {@code body} (HTML, already escaped where needed). */
    static void write(Context ctx, int status, String title, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>" + escape(title) + " · SkyScope</title><style>body{font-family:system-ui,sans-serif;"
                        + "max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;"
                        + "padding:.5rem 1.25rem}</style></head><body><h1>" + escape(title) + "</h1>" + body
                        + "</body></html>");
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
