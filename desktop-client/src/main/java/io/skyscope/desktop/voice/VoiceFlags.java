package io.skyscope.desktop.voice;

import io.skyscope.client.Session;
import io.skyscope.protocol.ServerMessage;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the server says of the others' microphones (muted, speaking), kept for everyone, also the
 * people I have no voice link with: the canvas draws a speaking ring or a muted icon from it.
 *
 * <p>Threads: messages arrive on the session's receive thread; {@link #flags} may be read from any
 * thread.
 */
final class VoiceFlags implements AutoCloseable {
    /** What the server last said of everyone's microphones; immutable. */
    record Flags(Set<String> speaking, Set<String> muted) {
        static final Flags NONE = new Flags(Set.of(), Set.of());

        Flags {
            speaking = Set.copyOf(speaking);
            muted = Set.copyOf(muted);
        }
    }

    private final Session session;
    private final Consumer<ServerMessage> listener = this::received;
    /** Guarded by this. */
    private final Set<String> speaking = new HashSet<>();
    private final Set<String> muted = new HashSet<>();
    private volatile Flags flags = Flags.NONE;

    /** Listens from now on. */
    VoiceFlags(Session session) {
        this.session = session;
        session.onMessage(listener);
    }

    Flags flags() {
        return flags;
    }

    @Override
    public void close() {
        session.removeListener(listener);
    }

    private synchronized void received(ServerMessage m) {
        if (remember(m)) {
            flags = new Flags(speaking, muted);
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
}
