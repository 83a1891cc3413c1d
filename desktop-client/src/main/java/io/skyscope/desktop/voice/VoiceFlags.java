package io.skyscope.desktop.voice;

import io.skyscope.client.Session;
import io.skyscope.protocol.ServerMessage;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the server says of the others' microphones (muted, speaking), cameras and screen shares,
 * kept for everyone, also the people I have no voice link with: the canvas draws a speaking ring, a
 * muted icon, a camera or a screen from it.
 *
 * <p>Threads: messages arrive on the session's receive thread; {@link #flags} may be read from any
 * thread.
 */
final class VoiceFlags implements AutoCloseable {
    /** What the server last said of everyone's microphones, cameras and screens; immutable. */
    record Flags(Set<String> speaking, Set<String> muted, Set<String> camera, Set<String> screen) {
        static final Flags NONE = new Flags(Set.of(), Set.of());

        Flags {
            speaking = Set.copyOf(speaking);
            muted = Set.copyOf(muted);
            camera = Set.copyOf(camera);
            screen = Set.copyOf(screen);
        }

        /** Microphones only: nobody's camera on, nobody sharing. */
        Flags(Set<String> speaking, Set<String> muted) {
            this(speaking, muted, Set.of(), Set.of());
        }
    }

    private final Session session;
    private final Consumer<ServerMessage> listener = this::received;
    /** Guarded by this. */
    private final Set<String> speaking = new HashSet<>();
    private final Set<String> muted = new HashSet<>();
    private final Set<String> camera = new HashSet<>();
    private final Set<String> screen = new HashSet<>();
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
            flags = new Flags(speaking, muted, camera, screen);
        }
    }

    /** Keeps others' flags; returns whether they (or the join) changed. Under the lock. */
    private boolean remember(ServerMessage m) {
        switch (m) {
            case ServerMessage.VoiceState s -> {
                set(speaking, s.userId(), s.speaking());
                set(muted, s.userId(), s.muted());
                set(camera, s.userId(), s.camera());
                set(screen, s.userId(), s.screen());
            }
            case ServerMessage.PresenceUpdate p when !p.left().isEmpty() -> p.left().forEach(id -> {
                speaking.remove(id);
                muted.remove(id);
                camera.remove(id);
                screen.remove(id);
            });
            case ServerMessage.Welcome w -> speaking.clear();
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void set(Set<String> flagged, String userId, boolean on) {
        if (on) {
            flagged.add(userId);
        } else {
            flagged.remove(userId);
        }
    }
}
