package io.skyscope.server.ws;

import io.javalin.config.RoutesConfig;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.auth.TokenService;
import io.skyscope.server.http.ApiException;
import io.skyscope.server.metrics.ServerMetrics;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint. The access token is checked before the upgrade ({@code ?token=} or
 * {@code Authorization: Bearer}); without a valid one the client gets HTTP 401 and no socket.
 * A client may state its protocol version with {@code ?protocol=N}.
 */
public final class WsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
    private static final String USER_ID = "skyscope.userId";

    private final TokenService tokens;
    private final SessionRegistry registry;
    private final MessageDispatcher dispatcher;
    private final PresenceHandler presence;
    private final ServerMetrics metrics;
    private final ClientSession.FrameLimits limits;

    public WsEndpoint(TokenService tokens, SessionRegistry registry, MessageDispatcher dispatcher,
                      PresenceHandler presence, ServerMetrics metrics, ClientSession.FrameLimits limits) {
        this.tokens = tokens;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.metrics = metrics;
        this.limits = limits;
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
                ctx.attribute(USER_ID, tokens.verify(token).userId());
            } catch (ApiException e) {
                throw new UnauthorizedResponse(e.getMessage());
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
        String userId = ctx.attribute(USER_ID);
        var session = new ClientSession(UUID.randomUUID().toString(), userId, ctx.session, metrics, limits);
        ctx.attribute(ClientSession.class.getName(), session);
        metrics.connectionOpened();
        session.start();
        String stated = ctx.queryParam("protocol");
        if (stated != null && !supported(stated)) {
            String speaks = Arrays.stream(Limits.SUPPORTED_PROTOCOL_VERSIONS).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            session.closeAfter(ServerMessage.Error.of("unsupported_protocol",
                    "this server speaks protocol version(s) " + speaks + "; the client stated '"
                            + abbreviate(stated) + "'", null),
                    CloseCodes.UNSUPPORTED_PROTOCOL, "unsupported protocol version");
            return;
        }
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        registry.add(session);
        LOG.debug("user {}: connected as session {}", userId, session.id());
    }

    private void message(WsMessageContext ctx) {
        ClientSession session = session(ctx);
        if (session != null && session.isOpen()) {
            dispatcher.onFrame(session, ctx.message(), System.nanoTime());
        }
    }

    private void closed(WsCloseContext ctx) {
        ClientSession session = session(ctx);
        if (session == null) {
            return;
        }
        metrics.connectionClosed();
        session.closed();
        registry.remove(session);
        presence.disconnected(session);
        LOG.debug("user {}: session {} closed ({})", session.userId(), session.id(), ctx.status());
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
