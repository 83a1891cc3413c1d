package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pages a browser shows for an invite link ({@code GET /invite/{code}}) and a guest link
 * ({@code GET /guest/{code}}): which space it opens, a {@code skyscope://} link for the desktop
 * app, and the steps to follow by hand. An unknown, expired or revoked code gets a page saying so,
 * with 404. No script; every text from the store is HTML-escaped; the Content-Security-Policy
 * allows nothing but the page's one style sheet (by its hash); the page is neither cached nor
 * framed and sends no referrer (the code is in its address).
 *
 * <p>Stateless; handlers run on HTTP request threads.
 */
public final class InvitePages {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;"
            + "padding:0 1em;line-height:1.5;color:#1f2328}a.open{display:inline-block;padding:.6em 1.2em;"
            + "background:#0969da;color:#fff;border-radius:6px;text-decoration:none}code{background:#f0f0f0;"
            + "padding:.1em .3em;border-radius:4px;word-break:break-all}";
    static final String CSP = "default-src 'none'; style-src 'sha256-" + sha256(STYLE) + "'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    /** What a usable code opens: the space's name. */
    public record Target(String spaceName) {
    }

    private final PublicLinks links;
    private final Function<String, Optional<Target>> invites;
    private final Function<String, Optional<Target>> guestLinks;

    /**
     * @param invites    the space an invite code opens, if it is usable
     * @param guestLinks the space a guest link opens, if it is usable
     */
    public InvitePages(PublicLinks links, Function<String, Optional<Target>> invites,
                       Function<String, Optional<Target>> guestLinks) {
        this.links = links;
        this.invites = invites;
        this.guestLinks = guestLinks;
    }

    public void register(RoutesConfig routes) {
        routes.get("/" + PublicLinks.INVITE + "/{code}", ctx -> page(ctx, PublicLinks.INVITE, invites));
        routes.get("/" + PublicLinks.GUEST + "/{code}", ctx -> page(ctx, PublicLinks.GUEST, guestLinks));
    }

    private void page(Context ctx, String kind, Function<String, Optional<Target>> lookup) {
        String code = ctx.pathParam("code");
        Optional<Target> target = code.length() > 64 ? Optional.empty() : lookup.apply(code);
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        if (target.isEmpty()) {
            ctx.status(404).result(html("Link not found", "<h1>This link does not work</h1>"
                    + "<p>This " + (kind.equals(PublicLinks.GUEST) ? "guest link" : "invite")
                    + " is unknown, expired, used up or revoked. Ask the person who sent it for a new one.</p>"));
            return;
        }
        String space = escape(target.get().spaceName());
        String app = escape(links.app(kind, code));
        String server = escape(links.base());
        String body = kind.equals(PublicLinks.GUEST)
                ? "<h1>Join " + space + " as a guest</h1>"
                + "<p>You are invited into the space <strong>" + space + "</strong> on SkyScope, without an account:"
                + " you only choose the name others see.</p>"
                + "<p><a class=\"open\" href=\"" + app + "\">Open in SkyScope</a></p>"
                + "<h2>If the button does nothing</h2><ol><li>Install the SkyScope desktop app and start it.</li>"
                + "<li>Paste this link into its sign-in screen: <code>" + app + "</code></li></ol>"
                + "<p>From a terminal: <code>java -jar skyscope-cli.jar --guest-link " + escape(links.web(kind, code))
                + " --guest-name \"Your name\"</code></p>"
                : "<h1>Join " + space + " on SkyScope</h1>"
                + "<p>You are invited into the space <strong>" + space + "</strong>.</p>"
                + "<p><a class=\"open\" href=\"" + app + "\">Open in SkyScope</a></p>"
                + "<h2>If the button does nothing</h2><ol><li>Install the SkyScope desktop app and start it.</li>"
                + "<li>Server: <code>" + server + "</code></li>"
                + "<li>Register (or sign in) with the invite code <code>" + escape(code) + "</code>.</li></ol>";
        ctx.status(200).result(html("Join " + space, body));
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + title + " · SkyScope</title><style>" + STYLE
                + "</style></head><body>" + body + "</body></html>";
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
