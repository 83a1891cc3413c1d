package io.skyscope.server.http;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.skyscope.protocol.rest.ErrorBody;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception a route throws to a status and an {@link ErrorBody}, in one place:
 * {@link ApiException} to its own status (with {@code Retry-After} when it has one), Jackson
 * errors to 400 naming the field, Javalin's own responses (unknown route, 405) to their status,
 * and anything else to a 500 that tells the caller nothing and logs the stack trace.
 *
 * <p>Stateless; the handlers run on HTTP request threads.
 */
public final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    public void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> send(ctx, e));
        routes.exception(JacksonException.class, (e, ctx) -> send(ctx, HttpJson.toApiException(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            String code = e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus();
            HttpJson.write(ctx, e.getStatus(), new ErrorBody(code, e.getMessage(), null, null));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            HttpJson.write(ctx, 500, new ErrorBody("internal_error", "Something went wrong on the server", null, null));
        });
    }

    private static void send(Context ctx, ApiException e) {
        Long retryAfter = null;
        if (e.retryAfter() != null) {
            retryAfter = ceilSeconds(e.retryAfter());
            ctx.header("Retry-After", Long.toString(retryAfter));
        }
        HttpJson.write(ctx, e.status(), new ErrorBody(e.code(), e.getMessage(), e.field(), retryAfter));
    }

    /** Whole seconds, rounded up and at least 1, as Retry-After requires. */
    static long ceilSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
