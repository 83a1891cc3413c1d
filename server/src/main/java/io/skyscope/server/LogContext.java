package io.skyscope.server;

import org.slf4j.MDC;

/**
 * The ids a log line carries besides its message, kept in SLF4J's MDC (one map per thread) under
 * these keys; with {@code LOG_FORMAT=json} each becomes a field of the line. Set where the work
 * for one frame or request starts, on the thread that does it, and cleared when it ends: threads
 * (virtual or pooled) are reused, and an id left behind would sign someone else's lines.
 */
public final class LogContext {
    public static final String USER_ID = "userId";
    public static final String SESSION_ID = "sessionId";
    public static final String SPACE_ID = "spaceId";
    public static final String REQUEST_ID = "requestId";

    private LogContext() {
    }

    /** A WebSocket session's ids; {@code spaceId} is null while it is in no space. */
    public static void session(String userId, String sessionId, String spaceId) {
        MDC.put(USER_ID, userId);
        MDC.put(SESSION_ID, sessionId);
        if (spaceId != null) {
            MDC.put(SPACE_ID, spaceId);
        }
    }

    /** The signed-in user of a REST request, once known. */
    public static void user(String userId) {
        MDC.put(USER_ID, userId);
    }

    public static void request(String requestId) {
        MDC.put(REQUEST_ID, requestId);
    }

    public static void clear() {
        MDC.clear();
    }
}
