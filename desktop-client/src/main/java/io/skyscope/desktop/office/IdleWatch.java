package io.skyscope.desktop.office;

import io.skyscope.protocol.Status;
import java.util.function.Consumer;

/**
 * Away when idle: after the server's idle time without keyboard or mouse input an available user
 * is shown as away, and the next input makes them available again. A status the user picked
 * themselves (busy, do not disturb, away) is never changed. FX thread only.
 */
final class IdleWatch {
    private final Consumer<Status> change;
    private long lastInput = System.nanoTime();
    private Status chosen = Status.AVAILABLE;
    private boolean autoAway;

    IdleWatch(Consumer<Status> change) {
        this.change = change;
    }

    void manualStatus(Status status) {
        chosen = status;
        autoAway = false;
    }

    void activity(long now) {
        lastInput = now;
        if (autoAway) {
            autoAway = false;
            change.accept(Status.AVAILABLE);
        }
    }

    void check(long now, long idleAwaySeconds) {
        if (!autoAway && chosen == Status.AVAILABLE && idleAwaySeconds > 0
                && now - lastInput > idleAwaySeconds * 1_000_000_000L) {
            autoAway = true;
            change.accept(Status.AWAY);
        }
    }
}
