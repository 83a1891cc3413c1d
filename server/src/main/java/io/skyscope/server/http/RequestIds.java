package io.skyscope.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.skyscope.server.LogContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every REST request an id, in its log lines ({@link LogContext#REQUEST_ID}) and in the
 * {@code X-Request-Id} response header, so a user's report and the server's log meet. An incoming
 * {@code X-Request-Id} (from a reverse proxy that made one) is kept only if it is short and made of
 * safe characters; anything else is replaced, so a client cannot write into the log.
 *
 * <p>Stateless; the handlers run on HTTP request threads, before and after each request.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public void register(RoutesConfig routes) {
        routes.before(ctx -> {
            LogContext.clear();
            String id = id(ctx);
            LogContext.request(id);
            ctx.header(HEADER, id);
        });
        routes.after(ctx -> LogContext.clear());
    }

    private static String id(Context ctx) {
        String incoming = ctx.header(HEADER);
        if (incoming != null && SAFE.matcher(incoming).matches()) {
            return incoming;
        }
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
