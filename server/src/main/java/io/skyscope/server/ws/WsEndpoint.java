package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.PresenceEncoding;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.LogContext;
import io.skyscope.server.auth.AccessCheck;
import io.skyscope.server.auth.AuthenticatedUser;
import io.skyscope.server.Refused;
import io.skyscope.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint. The access token is checked before the upgrade ({@code ?token=} or
 * {@code Authorization: Bearer}); without a valid one the client gets HTTP 401 and no socket.
 * A client may state its protocol version with {@code ?protocol=N}.
 *
 * <p>A connection is bound to its access token: when the token expires without a fresh one sent
 * in an {@code auth} message, the connection is closed with {@link CloseCodes#TOKEN_EXPIRED}.
 * When a session ends it leaves its space at once, except a replaced one: it leaves after {@link
 * #REPLACED_LEAVE_GRACE}, so that a client that reconnects and joins again keeps its place and its
 * calls (the newer connection's join takes over the user's presence, and the late leave, naming
 * the old connection, is then ignored).
 *
 * <p>Threads: Jetty's threads call the handlers; the {@code ws-timers} thread checks expiries and
 * carries out late leaves. {@link #close} stops it.
 */
public final class WsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
    private static final String USER = "skyscope.user";
    private static final String PRESENCE = "skyscope.presence";
    static final Duration REPLACED_LEAVE_GRACE = Duration.ofSeconds(5);

    private final AccessCheck access;
    private final SessionRegistry registry;
    private final MessageDispatcher dispatcher;
    private final PresenceHandler presence;
    private final ServerMetrics metrics;
    private final ClientSession.FrameLimits limits;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-timers").daemon().factory());

    public WsEndpoint(AccessCheck access, SessionRegistry registry, MessageDispatcher dispatcher,
                      PresenceHandler presence, ServerMetrics metrics, ClientSession.FrameLimits limits, Clock clock) {
        this.access = access;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.metrics = metrics;
        this.limits = limits;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade("/ws", ctx -> {
            String token = ctx.queryParam("token");
            String header = ctx.header("Authorization");
            if (token == null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.substring(7).strip();
            }
            if (token == null || token.isEmpty()) {
                throw new UnauthorizedResponse("an access token is required: ?token= or Authorization: Bearer");
            }
            try {
                ctx.attribute(USER, access.verify(token));
            } catch (Refused e) {
                throw new UnauthorizedResponse(e.getMessage());
            }
            try {
                ctx.attribute(PRESENCE, PresenceEncoding.parse(ctx.queryParam("presence")));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse(e.getMessage());
            }
        });
        routes.ws("/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onClose(this::closed);
            ws.onError(ctx -> LOG.debug("session {}: socket error: {}", ctx.sessionId(), String.valueOf(ctx.error())));
        });
    }

    private void connected(WsConnectContext ctx) {
        AuthenticatedUser user = ctx.attribute(USER);
        var session = new ClientSession(UUID.randomUUID().toString(), user, ctx.session, metrics, limits);
        session.presence(ctx.attribute(PRESENCE));
        LogContext.session(user.userId(), session.id(), null);
        try {
            open(ctx, session);
        } finally {
            LogContext.clear();
        }
    }

    private void open(WsConnectContext ctx, ClientSession session) {
        String userId = session.userId();
        ctx.attribute(ClientSession.class.getName(), session);
        session.onEnd(() -> ended(session));
        metrics.connectionOpened();
        String stated = ctx.queryParam("protocol");
        if (stated != null && !supported(stated)) {
            String speaks = Arrays.stream(Limits.SUPPORTED_PROTOCOL_VERSIONS).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            session.closeAfter(ServerMessage.Error.of(ErrorCode.UNSUPPORTED_PROTOCOL,
                    "this server speaks protocol version(s) " + speaks + "; the client stated '"
                            + abbreviate(stated) + "'", null),
                    CloseCodes.UNSUPPORTED_PROTOCOL, "unsupported protocol version");
            return;
        }
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        registry.add(session);
        presence.connected(session);
        // Also catches a sign-out announced between the upgrade's check and the registration.
        checkToken(session);
        LOG.debug("user {}: connected as session {}", userId, session.id());
    }

    private void message(WsMessageContext ctx) {
        ClientSession session = session(ctx);
        if (session != null && session.isOpen()) {
            // When the frame arrived, to measure how long it waits (a duration, not a time of day).
            dispatcher.onFrame(session, ctx.message(), System.nanoTime());
        }
    }

    private void closed(WsCloseContext ctx) {
        ClientSession session = session(ctx);
        if (session == null) {
            return;
        }
        LogContext.session(session.userId(), session.id(), session.spaceId());
        try {
            metrics.connectionClosed();
            session.closed();
            LOG.debug("user {}: session {} closed ({})", session.userId(), session.id(), ctx.status());
        } finally {
            LogContext.clear();
        }
    }

    /** The session ended (closed by the server, or its socket ended): out of the registry and its space. */
    private void ended(ClientSession session) {
        registry.remove(session);
        if (!session.replaced()) {
            presence.disconnected(session);
            return;
        }
        try {
            timers.schedule(() -> presence.disconnected(session), REPLACED_LEAVE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            presence.disconnected(session); // shutting down
        }
    }

    /**
     * At the token's expiry: closes the connection unless it was renewed meanwhile (then checks
     * again at the new expiry). Also closes it if its sign-in ended and the announcement was missed.
     */
    private void checkTokenAt(ClientSession session, Instant expiresAt) {
        long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
        try {
            timers.schedule(() -> checkToken(session), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("session {}: no expiry check, shutting down", session.id());
        }
    }

    private void checkToken(ClientSession session) {
        if (!session.isOpen()) {
            return;
        }
        AuthenticatedUser token = session.token();
        try {
            access.require(token);
        } catch (Refused e) {
            session.closeAfter(ServerMessage.Error.of(ErrorCode.SIGNED_OUT, e.getMessage(), null), CloseCodes.SIGNED_OUT,
                    "signed out");
            return;
        }
        if (token.expiresAt().isAfter(clock.instant())) {
            checkTokenAt(session, token.expiresAt());
            return;
        }
        LOG.info("user {} session {}: access token expired without renewal", session.userId(), session.id());
        session.closeAfter(ServerMessage.Error.of(ErrorCode.TOKEN_EXPIRED,
                "the access token expired; send a fresh one in an 'auth' message before it does, or reconnect", null),
                CloseCodes.TOKEN_EXPIRED, "access token expired");
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }

    private static ClientSession session(WsContext ctx) {
        return ctx.attribute(ClientSession.class.getName());
    }

    private static boolean supported(String stated) {
        for (int v : Limits.SUPPORTED_PROTOCOL_VERSIONS) {
            if (String.valueOf(v).equals(stated.strip())) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
