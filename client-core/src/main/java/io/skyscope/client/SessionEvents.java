package io.skyscope.client;

import io.skyscope.protocol.ServerMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Session} tells others, across its connections: every message received (to
 * listeners, and to the inbox that {@code await} reads), the voice set so far for an engine that
 * starts late ({@link VoiceBacklog}), and every change of its link. A failing listener is logged
 * and the others still run.
 *
 * <p>Threads: messages are delivered on the current connection's receive thread, link changes on
 * the thread that made them; listeners may be added and removed from any thread and must not block.
 */
final class SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final Inbox inbox = new Inbox();
    private final List<Consumer<ServerMessage>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Session.State>> stateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkStatus>> linkListeners = new CopyOnWriteArrayList<>();
    /** Held while a message is delivered, so that a listener can join without a gap. */
    private final Object delivering = new Object();
    private final VoiceBacklog voiceBacklog = new VoiceBacklog();

    Inbox inbox() {
        return inbox;
    }

    void onMessage(Consumer<ServerMessage> listener) {
        listeners.add(listener);
    }

    /** Replays the current voice set to {@code listener}, then adds it, with no message between. */
    void onMessageCatchingUpOnVoice(Consumer<ServerMessage> listener) {
        synchronized (delivering) {
            voiceBacklog.replay().forEach(listener);
            listeners.add(listener);
        }
    }

    void removeListener(Consumer<ServerMessage> listener) {
        listeners.remove(listener);
    }

    void onState(Consumer<Session.State> listener) {
        stateListeners.add(listener);
    }

    void removeStateListener(Consumer<Session.State> listener) {
        stateListeners.remove(listener);
    }

    void onLink(Consumer<LinkStatus> listener) {
        linkListeners.add(listener);
    }

    /** Delivers a message: first to the session ({@code first}), then to the listeners, then the inbox. */
    void received(ServerMessage message, Consumer<ServerMessage> first) {
        synchronized (delivering) {
            voiceBacklog.track(message);
            first.accept(message);
            for (var l : listeners) {
                try {
                    l.accept(message);
                } catch (RuntimeException e) {
                    LOG.warn("session listener failed on {}", message.getClass().getSimpleName(), e);
                }
            }
        }
        inbox.add(message);
    }

    /** The connection is gone and with it the voice set; waiting threads may give up early. */
    void connectionLost() {
        synchronized (delivering) {
            voiceBacklog.clear();
        }
        inbox.wake();
    }

    void linkChanged(LinkStatus next, boolean stateChanged) {
        for (var l : linkListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("session link listener failed", e);
            }
        }
        if (!stateChanged) {
            return;
        }
        for (var l : stateListeners) {
            try {
                l.accept(next.state());
            } catch (RuntimeException e) {
                LOG.warn("session state listener failed", e);
            }
        }
    }
}
