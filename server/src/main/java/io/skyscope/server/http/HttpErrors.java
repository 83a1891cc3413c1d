package io.skyscope.server.http;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.rest.ErrorBody;
import io.skyscope.server.Refused;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception a route throws to a status and an {@link ErrorBody}, in one place:
 * {@link Refused} to the status of its {@link ErrorCode} ({@link #status}, the one place where a
 * code gets an HTTP status, with {@code Retry-After} when it has one), Jackson errors to 400 naming
 * the field, Javalin's own responses (unknown route, 405) to their status, and anything else to a
 * 500 {@code internal} that tells the caller nothing and logs the stack trace.
 *
 * <p>Stateless; the handlers run on HTTP request threads.
 */
public final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    public void register(RoutesConfig routes) {
        routes.exception(Refused.class, (e, ctx) -> send(ctx, e));
        routes.exception(JacksonException.class, (e, ctx) -> send(ctx, HttpJson.toRefusal(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> HttpJson.write(ctx, e.getStatus(),
                new ErrorBody(codeOf(e.getStatus()).wire(), e.getMessage(), null, null)));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            HttpJson.write(ctx, 500, new ErrorBody(ErrorCode.INTERNAL.wire(), "Something went wrong on the server", null,
                    null));
        });
    }

    private static void send(Context ctx, Refused e) {
        Long retryAfter = null;
        if (e.retryAfter() != null) {
            retryAfter = ceilSeconds(e.retryAfter());
            ctx.header("Retry-After", Long.toString(retryAfter));
        }
        HttpJson.write(ctx, status(e.code()), new ErrorBody(e.code().wire(), e.getMessage(), e.field(), retryAfter));
    }

    /** The HTTP status of each error code. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_JSON, UNKNOWN_TYPE, INVALID_FIELD, BAD_REQUEST, CODE_INVALID, CODE_EXPIRED, SSO_STATE_INVALID,
                 SSO_STATE_EXPIRED -> 400;
            case UNAUTHORIZED, SIGNED_OUT, TOKEN_EXPIRED, SSO_REFUSED -> 401;
            case FORBIDDEN, BANNED, MUTED, REMOVED, KICKED, SSO_ONLY, NOT_FOLLOWABLE, GUEST_NOT_ALLOWED -> 403;
            case NOT_FOUND, UNKNOWN_ROOM, NOT_PRESENT, UNKNOWN_DESK -> 404;
            case USERNAME_TAKEN, EMAIL_TAKEN, NOT_IN_SPACE, NOT_IN_VOICE_SET, AUDIENCE_FULL, QUOTA_EXCEEDED,
                 TOO_MANY_INVITES, NOT_IN_AUDIENCE,
                 OWNER_CANNOT_LEAVE, OWNER_ROLE, OWNS_SPACES, DEFAULT_SPACE, CONVERSATION_FULL, MESSAGE_DELETED,
                 ALREADY_REPORTED, REPLACED, NOT_IN_ROOM, ROOM_NOT_LOCKED, ROOM_EMPTY, NOT_NEARBY, NOT_DO_NOT_DISTURB,
                 NO_KNOCK, DESK_TAKEN, HAS_DESK, DESK_FREE, HOLDER_PRESENT, TOO_MANY_GUEST_LINKS, GUEST_LINK_FULL -> 409;
            case TOO_LARGE, NOTES_TOO_LARGE -> 413;
            case UNSUPPORTED_PROTOCOL -> 426;
            case RATE_LIMITED, FLOODING -> 429;
            case INTERNAL -> 500;
            case EMAIL_NOT_CONFIGURED, SSO_NOT_CONFIGURED -> 501;
            case SSO_PROVIDER_UNAVAILABLE -> 502;
            case UNAVAILABLE, STORE_UNAVAILABLE, MEDIA_UNAVAILABLE -> 503;
        };
    }

    /** The code for a status Javalin answers by itself (an unknown route, a method not allowed). */
    private static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
    }

    /** Whole seconds, rounded up and at least 1, as Retry-After requires. */
    static long ceilSeconds(Duration d) {
        long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
