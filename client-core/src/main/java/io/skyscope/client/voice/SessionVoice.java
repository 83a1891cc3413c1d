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
 * connection ends every link (the server sends fresh joins after the reconnect). With warm links
 * on ({@link VoiceConfig#warmLinks}), {@code voice.warmlinks} goes out after every welcome.
 *
 * <p>Threads: messages arrive on the session's receive thread and are handed to the engine, which
 * does its work on its own control thread.
 */
public final class SessionVoice implements VoiceSignalling, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionVoice.class);

    private final Session session;
    private final VoiceEngine engine;
    private final java.util.function.Consumer<ServerMessage> handler = this::handle;
    private final java.util.function.Consumer<Session.State> onState = this::stateChanged;
    private volatile VoiceSettingsView settings;
    private final boolean warmLinks;

    private SessionVoice(Session session, VoiceConfig config, AudioBackend backend, AudioDevice input,
                         AudioDevice output) {
        this.session = session;
        this.warmLinks = config.warmLinks();
        ServerMessage.Welcome welcome = session.welcome();
        VoiceConfig withIce = welcome == null ? config : config.withIceServers(VoiceMessages.iceServers(welcome), config.relayOnly());
        this.engine = new VoiceEngine(withIce, backend, input, output, this, Positions.of(session.world()));
    }

    /** Starts voice for a session (joined or not yet): what the server said about voice so far is replayed. */
    public static SessionVoice attach(Session session, VoiceConfig config, AudioBackend backend, AudioDevice input,
                                      AudioDevice output) {
        var voice = new SessionVoice(session, config, backend, input, output);
        // The server may have linked us while the engine started: catch up on the voice set.
        session.onMessageCatchingUpOnVoice(voice.handler);
        session.onState(voice.onState);
        if (session.welcome() != null) {
            voice.sayWarmLinks(); // joined before the engine started (a later welcome says it again)
        }
        voice.loadHearingRadius();
        return voice;
    }

    /** The space's voice radii as last loaded (after each join), or null before. */
    public VoiceSettingsView settings() {
        return settings;
    }

    /** Loads the space's voice settings again, in the background (an owner may have changed them). */
    public void reloadSettings() {
        Thread.ofVirtual().start(this::loadHearingRadius);
    }

    public VoiceEngine engine() {
        return engine;
    }

    /** WebRTC payloads are only worth sending while joined: a rejoin starts every link afresh. */
    @Override
    public void signal(String peerId, ObjectNode payload) {
        session.send(new VoiceCommand.Signal(peerId, payload, null));
    }

    /** Only worth sending while joined: a rejoin sends me to the room's mix afresh. */
    @Override
    public void video(VoiceCommand command) {
        session.send(command);
    }

    /** Sent when offline too: it waits in the session's outbox and goes out right after the rejoin. */
    @Override
    public void voiceState(boolean muted, boolean speaking, boolean camera, boolean screen) {
        session.sendOrQueue(new VoiceCommand.VoiceState(muted, speaking, camera, screen, null));
    }

    /** Stops listening to the session and closes the engine, its links and native objects. */
    @Override
    public void close() {
        session.removeListener(handler);
        session.removeStateListener(onState);
        if (warmLinks && session.welcome() != null) {
            session.send(new VoiceCommand.WarmLinks(false, null)); // peers close theirs to me
        }
        engine.close();
    }

    /** Tells the server this client makes warm links (after each welcome: a reconnect starts without). */
    private void sayWarmLinks() {
        if (warmLinks) {
            session.send(new VoiceCommand.WarmLinks(true, null)); // offline: the next welcome says it
        }
    }

    private void stateChanged(Session.State state) {
        if (state == Session.State.RECONNECTING || state == Session.State.CLOSED) {
            engine.leaveAll();
        }
    }

    private void handle(ServerMessage message) {
        VoiceMessages.apply(engine, message);
        if (message instanceof ServerMessage.Welcome) {
            sayWarmLinks();
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
                    session.tokens().accessToken(), null, VoiceSettingsView.class);
            this.settings = settings;
            if (settings != null && settings.leaveRadius() != null) {
                engine.setHearingRadius(settings.leaveRadius());
            }
        } catch (ApiError | java.io.UncheckedIOException e) {
            LOG.info("voice settings of {} not available, keeping the default hearing radius: {}", space.id(),
                    e.getMessage());
        }
    }
}
