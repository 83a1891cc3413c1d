package io.skyscope.server.ws;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ProtocolException;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.LogContext;
import io.skyscope.server.Refused;
import io.skyscope.server.desks.DeskService;
import io.skyscope.server.guest.GuestPolicy;
import io.skyscope.server.metrics.ServerMetrics;
import io.skyscope.server.notes.NotesService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an inbound frame into a call on the handler of its family. The switch over the sealed
 * message type has no default: a new message without a handler does not compile. Bad frames get
 * an {@code error} naming the problem; the connection stays up unless the client keeps at it.
 */
public final class MessageDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    private final PresenceHandler presence;
    private final VoiceHandler voice;
    private final ChatHandler chat;
    private final EtiquetteHandler etiquette;
    private final AuthHandler auth;
    private final NotesService notes;
    private final DeskService desks;
    private final ServerMetrics metrics;
    private final Clock clock;

    public MessageDispatcher(PresenceHandler presence, VoiceHandler voice, ChatHandler chat,
                             EtiquetteHandler etiquette, AuthHandler auth, NotesService notes, DeskService desks,
                             ServerMetrics metrics, Clock clock) {
        this.presence = presence;
        this.voice = voice;
        this.chat = chat;
        this.etiquette = etiquette;
        this.auth = auth;
        this.notes = notes;
        this.desks = desks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Handles one frame; its log lines carry the session's user, session and space ids. */
    public void onFrame(ClientSession session, String frame, long receivedNanos) {
        LogContext.session(session.userId(), session.id(), session.spaceId());
        try {
            handle(session, frame, receivedNanos);
        } finally {
            LogContext.clear();
        }
    }

    private void handle(ClientSession session, String frame, long receivedNanos) {
        metrics.frameIn();
        // Decoded before the rate check: signals have a budget of their own (see SignalBudget). A
        // frame that does not decode is checked as any other frame first, then reported.
        ClientMessage message = null;
        ProtocolException bad = null;
        try {
            message = ProtocolCodec.decodeClient(frame);
        } catch (ProtocolException e) {
            bad = e;
        }
        switch (session.admit(message instanceof ClientMessage.VoiceCommand.Signal, frame.length())) {
            case ACCEPT -> { }
            case REFUSE -> {
                metrics.frameRefused();
                if (session.mayReportRateLimit()) {
                    session.send(new ServerMessage.Error(ErrorCode.RATE_LIMITED.wire(), "too many messages; slow down",
                            null, null, session.retryAfterMillis()));
                }
                return;
            }
            case DISCONNECT -> {
                disconnectFlooder(session);
                return;
            }
        }
        if (bad != null) {
            metrics.frameRefused();
            session.send(new ServerMessage.Error(bad.code().wire(), bad.getMessage(), bad.ref(), bad.field(), null));
            if (!session.strike()) {
                disconnectFlooder(session);
            }
            return;
        }
        try {
            dispatch(session, message, receivedNanos);
        } catch (Refused e) {
            Long retry = e.retryAfter() == null ? null : e.retryAfter().toMillis();
            session.send(new ServerMessage.Error(e.code().wire(), e.getMessage(), message.ref(), e.field(), retry));
        } catch (RuntimeException e) {
            LOG.error("user {} session {}: {} failed", session.userId(), session.id(),
                    ProtocolCodec.typeName(message), e);
            session.send(ServerMessage.Error.of(ErrorCode.INTERNAL, "the server could not handle this message", message.ref()));
        }
    }

    private void dispatch(ClientSession session, ClientMessage message, long receivedNanos) {
        GuestPolicy.requireMessage(session.token(), message);
        switch (message) {
            case ClientMessage.Join join -> {
                presence.join(session, join);
                chat.entered(session, join.spaceId());
            }
            case ClientMessage.Leave leave -> presence.leave(session, leave);
            case ClientMessage.Move move -> presence.move(session, move, receivedNanos);
            case ClientMessage.StatusChange change -> presence.status(session, change);
            case ClientMessage.Ping ping -> session.send(new ServerMessage.Pong(ping.ref(), clock.millis()));
            case ClientMessage.Auth renewal -> auth.renew(session, renewal);
            case ClientMessage.VoiceCommand command -> voice.handle(session, command);
            case ChatCommand command -> chat.handle(session, command);
            case EtiquetteCommand command -> etiquette.handle(session, command);
            case NotesCommand command -> notes.handle(session, command);
            case DeskCommand command -> desks.handle(session, command);
        }
    }

    private void disconnectFlooder(ClientSession session) {
        LOG.info("user {} session {}: disconnected for flooding", session.userId(), session.id());
        session.closeAfter(ServerMessage.Error.of(ErrorCode.FLOODING, "too many refused messages; disconnected", null),
                CloseCodes.FLOODING, "flooding");
    }
}
