package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.ApiError;
import io.skyscope.client.Session;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.VoiceSettingsView;
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
        VoiceConfig withIce = welcome == null ? config : config.withIceServers(VoiceMessages.iceServers(welcome), config.relayOnly());
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
        VoiceMessages.apply(engine, message);
        if (message instanceof ServerMessage.Welcome) {
            Thread.ofVirtual().start(this::loadHearingRadius);
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
}
