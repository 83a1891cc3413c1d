package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.ApiError;
import io.skyscope.client.Session;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.VoiceSettingsView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximity voice for a {@link Session}: the server's {@code voice.*} and {@code signal} messages
 * drive a {@link VoiceEngine}; its signals and voice state go back over the session. ICE servers
 * come from each welcome, the hearing radius from the space's voice settings; a dropped
 * connection ends every link (the server sends fresh joins after the reconnect).
 *
 * <p>Threads: messages arrive on the session's receive thread and are handed to the engine, which
 * does its work on its own control thread.
 */
public final class SessionVoice implements VoiceSignalling, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionVoice.class);

    private final Session session;
    private final VoiceEngine engine;

    private SessionVoice(Session session, VoiceConfig config, AudioBackend backend, AudioDevice input,
                         AudioDevice output) {
        this.session = session;
        ServerMessage.Welcome welcome = session.welcome();
        VoiceConfig withIce = welcome == null ? config : config.withIceServers(iceServers(welcome), config.relayOnly());
        this.engine = new VoiceEngine(withIce, backend, input, output, this, Positions.of(session.world()));
    }

    /** Starts voice for a session (joined or not yet): what the server said about voice so far is replayed. */
    public static SessionVoice attach(Session session, VoiceConfig config, AudioBackend backend, AudioDevice input,
                                      AudioDevice output) {
        var voice = new SessionVoice(session, config, backend, input, output);
        // The server may have linked us while the engine started: catch up on the voice set.
        session.onMessageCatchingUpOnVoice(voice::handle);
        session.onState(state -> {
            if (state == Session.State.RECONNECTING || state == Session.State.CLOSED) {
                voice.engine.leaveAll();
            }
        });
        voice.loadHearingRadius();
        return voice;
    }

    public VoiceEngine engine() {
        return engine;
    }

    @Override
    public void signal(String peerId, ObjectNode payload) {
        session.send(new VoiceCommand.Signal(peerId, payload, null));
    }

    @Override
    public void voiceState(boolean muted, boolean speaking) {
        session.send(new VoiceCommand.VoiceState(muted, speaking, null));
    }

    @Override
    public void close() {
        engine.close();
    }

    private void handle(ServerMessage message) {
        switch (message) {
            case ServerMessage.VoiceJoin j -> {
                LOG.debug("voice.join {} offerer={} {} {}", j.peerId(), j.offerer(), j.reason(), j.direction());
                engine.join(j.peerId(), j.offerer(), j.reason(), j.direction());
            }
            case ServerMessage.VoiceLeave l -> {
                LOG.debug("voice.leave {} {}", l.peerId(), l.reason());
                engine.leave(l.peerId(), l.reason());
            }
            case ServerMessage.Signal s -> engine.signal(s.from(), s.payload());
            case ServerMessage.VoiceState v -> engine.peerState(v.userId(), v.muted(), v.speaking());
            case ServerMessage.Welcome w -> {
                // A welcome replaces the voice set too: the server follows it with a voice.join per peer.
                engine.leaveAll();
                engine.setIceServers(iceServers(w));
                Thread.ofVirtual().start(this::loadHearingRadius);
            }
            // A new speaker role comes with fresh voice.join messages carrying the new directions.
            case ServerMessage.StageSpeaker _ -> {
            }
            case ServerMessage.Error _, ServerMessage.Ack _, ServerMessage.Correction _,
                 ServerMessage.PresenceUpdate _, ServerMessage.MapChanged _, ServerMessage.Pong _, ChatEvent _ -> {
            }
        }
    }

    /** The spatial mix fades voices out at the space's leave radius, where the server ends links. */
    private void loadHearingRadius() {
        var space = session.snapshot().space();
        if (space == null) {
            return;
        }
        try {
            var settings = session.api().send("GET", "api/v1/spaces/" + space.id() + "/voice-settings",
                    session.auth().accessToken(), null, VoiceSettingsView.class);
            if (settings != null && settings.leaveRadius() != null) {
                engine.setHearingRadius(settings.leaveRadius());
            }
        } catch (ApiError | java.io.UncheckedIOException e) {
            LOG.info("voice settings of {} not available, keeping the default hearing radius: {}", space.id(),
                    e.getMessage());
        }
    }

    private static List<VoiceConfig.IceServer> iceServers(ServerMessage.Welcome welcome) {
        return welcome.iceServers().stream()
                .map(s -> new VoiceConfig.IceServer(s.urls(), s.username(), s.credential()))
                .toList();
    }
}
