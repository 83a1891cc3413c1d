package io.skyscope.server.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every connection to the embedded store out of the database until it has authenticated
 * with SASL PLAIN as {@value #USER} and the password only this process knows.
 *
 * <p>mongo-java-server has no authentication of its own, and its loopback port is reachable by
 * every local user. This handler sits between the wire decoder and the database handler: before
 * authentication it lets through only the handshake ({@code hello}/{@code isMaster}, which the
 * driver's monitoring connections keep sending and which reveal no data) and answers
 * {@code saslStart} itself; anything else gets error 13 (Unauthorized), a wrong password error 18
 * (AuthenticationFailed), and the connection is closed after either (so one connection logs one
 * warning); a legacy OP_QUERY that is not a handshake is closed at once. Once authenticated, the
 * handler removes itself.
 *
 * <p>One instance per connection; Netty calls it on that connection's event-loop thread only.
 */
final class StoreGate extends ChannelInboundHandlerAdapter {
    /** The user name the server's own driver authenticates as. */
    static final String USER = "skyscope";
    /** The authentication source the driver sends PLAIN credentials to. */
    static final String SOURCE = "$external";

    private static final Logger log = LoggerFactory.getLogger(StoreGate.class);
    private static final Set<String> HANDSHAKE = Set.of("hello", "isMaster", "ismaster");

    private final byte[] expectedCredential;

    /** @param password the per-process secret */
    StoreGate(String password) {
        this.expectedCredential = (USER + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ClientRequest request)) {
            ctx.close();
            return;
        }
        Document command = command(request);
        String name = command == null || command.isEmpty() ? "" : command.keySet().iterator().next();
        if (HANDSHAKE.contains(name)) {
            ctx.fireChannelRead(msg);
        } else if (!(request instanceof MongoMessage message)) {
            log.warn("Closed an unauthenticated legacy request to the embedded store from {}", ctx.channel().remoteAddress());
            ctx.close();
        } else if ("saslStart".equals(name)) {
            if (authenticated(command)) {
                reply(ctx, message, new Document("conversationId", 1).append("done", true)
                        .append("payload", new BinData(new byte[0])).append("ok", 1));
                ctx.pipeline().remove(this);
            } else {
                log.warn("Refused a wrong credential for the embedded store from {}", ctx.channel().remoteAddress());
                reply(ctx, message, error(18, "AuthenticationFailed", "Authentication failed."))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } else {
            log.warn("Refused unauthenticated command '{}' to the embedded store from {}",
                    name, ctx.channel().remoteAddress());
            reply(ctx, message, error(13, "Unauthorized", "command " + name + " requires authentication"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A PLAIN payload is {@code authzid \0 authcid \0 password} (RFC 4616); the driver sends its
     * user name as authzid too. Only authcid and password are checked, in constant time.
     */
    private boolean authenticated(Document command) {
        if (!"PLAIN".equals(command.get("mechanism")) || !(command.get("payload") instanceof BinData payload)) {
            return false;
        }
        byte[] data = payload.getData();
        int separator = 0;
        while (separator < data.length && data[separator] != 0) {
            separator++;
        }
        byte[] credential = separator < data.length
                ? Arrays.copyOfRange(data, separator + 1, data.length)
                : new byte[0];
        return MessageDigest.isEqual(credential, expectedCredential);
    }

    private static Document command(ClientRequest request) {
        if (request instanceof MongoMessage message) {
            return message.getDocument();
        }
        if (request instanceof MongoQuery query && query.getCollectionName().equals("$cmd")) {
            Document document = query.getQuery();
            return document.get("$query") instanceof Document wrapped ? wrapped : document;
        }
        return null;
    }

    private static ChannelFuture reply(ChannelHandlerContext ctx, MongoMessage request, Document body) {
        MessageHeader header = new MessageHeader(0, request.getHeader().getRequestID());
        return ctx.writeAndFlush(new MongoMessage(ctx.channel(), header, body));
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }
}
