package io.skyscope.desktop.voice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.VoiceBacklog;
import io.skyscope.client.voice.Positions;
import io.skyscope.client.voice.VoiceConfig;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.client.voice.VoiceMessages;
import io.skyscope.client.voice.VoiceSignalling;
import io.skyscope.desktop.session.LinkState;
import io.skyscope.desktop.session.ReconnectingConnection;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.ServerMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The voice side of the desktop's {@link ReconnectingConnection}, free of JavaFX: the server's
 * voice messages go to the {@link VoiceEngine} (kept in a {@link VoiceBacklog} until the engine has
 * started, so a link offered meanwhile is not lost), the engine's signals and voice state go to the
 * server, a dropped connection ends every link (the server sends fresh joins after the rejoin),
 * and positions come from the connection's world. It also keeps what the server says of the
 * others' microphones (muted, speaking) for people I have no link with.
 *
 * <p>Threads: messages and state changes arrive on the connection's threads; {@link #attach} is
 * called once from the thread that started the engine; {@link #flags} from any thread.
 */
final class ConnectionVoice implements VoiceSignalling {
    /** What the server last said of everyone's microphones; immutable. */
    record Flags(Set<String> speaking, Set<String> muted) {
        static final Flags NONE = new Flags(Set.of(), Set.of());

        Flags {
            speaking = Set.copyOf(speaking);
            muted = Set.copyOf(muted);
        }
    }

    private final ReconnectingConnection link;
    private final Runnable onWelcome;
    private final VoiceBacklog backlog = new VoiceBacklog();
    /** Guarded by this: the engine, once attached; others' flags as the server reports them. */
    private VoiceEngine engine;
    private final Set<String> speaking = new HashSet<>();
    private final Set<String> muted = new HashSet<>();
    private volatile Flags flags = Flags.NONE;
    private volatile List<VoiceConfig.IceServer> iceServers = List.of();

    /** Listens from now on; call before the connection starts. {@code onWelcome} runs after each join. */
    ConnectionVoice(ReconnectingConnection link, Runnable onWelcome) {
        this.link = link;
        this.onWelcome = onWelcome;
        link.onMessage(this::received);
        link.onState(this::stateChanged);
    }

    /** The ICE servers of the latest welcome, for an engine starting now. */
    List<VoiceConfig.IceServer> iceServers() {
        return iceServers;
    }

    /** Hands the server's voice messages to {@code started} from now on, after those it missed. */
    void attach(VoiceEngine started) {
        synchronized (this) {
            backlog.replay().forEach(m -> VoiceMessages.apply(started, m));
            backlog.clear();
            engine = started;
        }
        started.setIceServers(iceServers);
    }

    /** Stops handing messages to the engine (it is about to close). */
    synchronized void detach() {
        engine = null;
    }

    Flags flags() {
        return flags;
    }

    /** Where I and the others stand, from the connection's latest world. */
    Positions positions() {
        return Positions.of(link::world);
    }

    /** WebRTC payloads are only worth sending while joined: a rejoin starts every link afresh. */
    @Override
    public void signal(String peerId, ObjectNode payload) {
        if (link.state().isOnline()) {
            link.send(new VoiceCommand.Signal(peerId, payload, null));
        }
    }

    /** Sent when offline too: it waits in the outbox and goes out right after the rejoin. */
    @Override
    public void voiceState(boolean mutedNow, boolean speakingNow) {
        link.send(new VoiceCommand.VoiceState(mutedNow, speakingNow, null));
    }

    private void received(ServerMessage m) {
        if (m instanceof ServerMessage.Welcome w) {
            iceServers = VoiceMessages.iceServers(w);
        }
        synchronized (this) {
            if (engine != null) {
                VoiceMessages.apply(engine, m);
            } else {
                backlog.track(m);
            }
            if (!remember(m)) {
                return;
            }
            flags = new Flags(speaking, muted);
        }
        if (m instanceof ServerMessage.Welcome) {
            onWelcome.run();
        }
    }

    /** Keeps others' flags; returns whether they (or the join) changed. Under the lock. */
    private boolean remember(ServerMessage m) {
        switch (m) {
            case ServerMessage.VoiceState s -> {
                if (s.speaking()) {
                    speaking.add(s.userId());
                } else {
                    speaking.remove(s.userId());
                }
                if (s.muted()) {
                    muted.add(s.userId());
                } else {
                    muted.remove(s.userId());
                }
            }
            case ServerMessage.PresenceUpdate p when !p.left().isEmpty() -> p.left().forEach(id -> {
                speaking.remove(id);
                muted.remove(id);
            });
            case ServerMessage.Welcome w -> speaking.clear();
            default -> {
                return false;
            }
        }
        return true;
    }

    private void stateChanged(LinkState state) {
        if (state.phase() == LinkState.Phase.RECONNECTING || state.phase() == LinkState.Phase.STOPPED) {
            synchronized (this) {
                backlog.clear();
                if (engine != null) {
                    engine.leaveAll();
                }
            }
        }
    }
}
