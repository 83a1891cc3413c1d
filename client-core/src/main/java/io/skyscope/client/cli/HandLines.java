package io.skyscope.client.cli;

import io.skyscope.client.Session;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The raised-hand lines of a CLI script: {@code raise-hand} and {@code lower-hand} in a stage's
 * audience; for owners and admins {@code hands} (prints the hands raised now, then each change as
 * it comes) and {@code expect-hand NAME MS}. A request waits for the server's answer and fails with
 * its error. Runs on the script's thread; the changes are printed from the receive thread.
 */
final class HandLines {
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final Session session;
    private final EtiquetteLines replies;
    private final Consumer<String> log;
    private boolean watching;
    /** Whose hands are up, as the server told me after {@code hands}. */
    private final Set<String> up = ConcurrentHashMap.newKeySet();

    HandLines(Session session, EtiquetteLines replies, Consumer<String> log) {
        this.session = session;
        this.replies = replies;
        this.log = log;
    }

    void hand(boolean raised) throws ScriptRunner.Failure {
        String ref = session.nextRef("hand");
        replies.reply(session.send(new VoiceCommand.StageHand(raised, ref)) ? ref : null);
        log.accept(raised ? "  my hand is up" : "  my hand is down");
    }

    void hands() throws ScriptRunner.Failure {
        if (!watching) {
            watching = true;
            session.onMessage(m -> {
                if (m instanceof ServerMessage.StageHand h && !h.userId().equals(session.userId())) {
                    if (h.raised()) {
                        up.add(h.userId());
                    } else {
                        up.remove(h.userId());
                    }
                    log.accept("  " + nameOf(h.userId()) + (h.raised() ? " raises a hand in the audience of '"
                            : " lowers their hand in the audience of '") + h.stage() + "'");
                }
            });
        }
        String ref = session.nextRef("hands");
        replies.reply(session.send(new VoiceCommand.StageHands(ref)) ? ref : null);
        ServerMessage.StageHands now;
        try {
            now = session.await(ServerMessage.StageHands.class, ANSWER);
        } catch (AssertionError e) {
            throw new ScriptRunner.Failure("the raised hands did not arrive within " + ANSWER.toSeconds() + " s");
        }
        now.hands().forEach(h -> up.add(h.userId()));
        log.accept("  hands up: " + now.hands().stream().map(h -> nameOf(h.userId()) + " (" + h.stage() + ")").toList());
    }

    /** Waits until {@code who} is present with their hand up (as told since {@code hands}). */
    void expectHand(Command.ExpectHand e) throws ScriptRunner.Failure {
        replies.waitFor(() -> {
            Person p = session.snapshot().find(e.who());
            return p != null && up.contains(p.userId());
        }, e.millis(), () -> "no hand raised by " + e.who() + " within " + e.millis() + " ms"
                + (watching ? "" : " (run 'hands' first: only owners and admins who asked see hands)"));
        log.accept("  " + e.who() + "'s hand is up");
    }

    private String nameOf(String userId) {
        Person p = session.snapshot().person(userId);
        return p == null ? userId : p.displayName();
    }
}
