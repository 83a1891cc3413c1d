package io.skyscope.client;

import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks an avatar in a straight line at just under the space's speed limit, one step every 50 ms,
 * as a person holding an arrow key would. The server checks every step; if it corrects one (a
 * wall, a full room) the walk stops where the server put us. Used by the CLI, the bots, and the
 * session to walk back after a reconnect.
 */
public final class Walker {
    private static final Logger LOG = LoggerFactory.getLogger(Walker.class);
    private static final long STEP_MILLIS = 50;

    private Walker() {
    }

    /** Walks to (x, y); true if arrived, false if the server stopped us or we went offline. */
    public static boolean walk(Session session, double x, double y) {
        var corrected = new AtomicReference<ServerMessage.Correction>();
        java.util.function.Consumer<ServerMessage> watch = m -> {
            if (m instanceof ServerMessage.Correction c) {
                corrected.set(c);
            }
        };
        session.onMessage(watch);
        try {
            while (true) {
                World w = session.snapshot();
                Person me = w.self();
                if (me == null || session.state() != Session.State.ONLINE) {
                    LOG.info("walk to {},{} given up: {}", x, y, me == null ? "not in a space" : session.state());
                    return false;
                }
                double dx = x - me.x();
                double dy = y - me.y();
                double distance = Math.hypot(dx, dy);
                if (distance < 0.5) {
                    return true;
                }
                double speed = w.rules() == null ? 160 : w.rules().maxSpeed();
                double step = Math.min(distance, 0.9 * speed * STEP_MILLIS / 1000.0);
                double nx = distance <= step ? x : me.x() + dx / distance * step;
                double ny = distance <= step ? y : me.y() + dy / distance * step;
                if (session.move(nx, ny) < 0) {
                    return false;
                }
                try {
                    Thread.sleep(STEP_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (corrected.get() != null) {
                    var c = corrected.get();
                    LOG.debug("walk to {},{} stopped by the server at {},{}: {}", x, y, c.x(), c.y(), c.reason());
                    return false;
                }
            }
        } finally {
            session.removeListener(watch);
        }
    }

    /** After a reconnect: if the server placed us elsewhere (it restarted), walk back. */
    static void walkBack(Session session, Person placed, double[] before) {
        if (Math.hypot(placed.x() - before[0], placed.y() - before[1]) > 1) {
            LOG.info("placed at {},{} after reconnecting; walking back to {},{}", placed.x(), placed.y(), before[0],
                    before[1]);
            walk(session, before[0], before[1]);
        }
    }
}
