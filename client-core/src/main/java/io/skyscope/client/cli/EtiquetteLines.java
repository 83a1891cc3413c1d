package io.skyscope.client.cli;

import io.skyscope.client.Etiquette;
import io.skyscope.client.Session;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The etiquette lines of a CLI script (lock, unlock, knock, let-in, decline, wave, react and their
 * expectations). A command waits for the server's answer and fails with its error. Runs on the
 * script's thread.
 */
final class EtiquetteLines {
    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final Session session;
    private final Etiquette etiquette;
    private final Consumer<String> log;

    EtiquetteLines(Session session, Consumer<String> log) {
        this.session = session;
        this.etiquette = session.etiquette();
        this.log = log;
    }

    void lock(Command.Lock l) throws ScriptRunner.Failure {
        reply(l.lock() ? etiquette.lock(l.room()) : etiquette.unlock(l.room()));
    }

    void knock(Command.Knock k) throws ScriptRunner.Failure {
        Person p = session.snapshot().find(k.target());
        reply(p != null ? etiquette.knockAt(p.userId()) : etiquette.knockOnRoom(k.target()));
    }

    void answer(Command.Answer a) throws ScriptRunner.Failure {
        reply(etiquette.answer(userId(a.who()), a.admit()));
    }

    void wave(Command.Wave w) throws ScriptRunner.Failure {
        reply(etiquette.wave(userId(w.who())));
    }

    void react(Command.React r) throws ScriptRunner.Failure {
        reply(etiquette.react(r.emoji()));
    }

    void expectKnock(Command.ExpectKnock k) throws ScriptRunner.Failure {
        var knock = expect(EtiquetteEvent.Knock.class, e -> named(e.knockerId(), e.knockerName(), k.who()),
                k.millis(), "no knock from " + k.who());
        log.accept("  " + knock.knockerName() + " knocks" + (knock.room() == null ? "" : " on " + knock.room()));
    }

    void expectWave(Command.ExpectWave w) throws ScriptRunner.Failure {
        var wave = expect(EtiquetteEvent.Wave.class, e -> named(e.fromUserId(), e.fromName(), w.who()), w.millis(),
                "no wave from " + w.who());
        log.accept(String.format(Locale.ROOT, "  %s waves from %.0f,%.0f%s", wave.fromName(), wave.x(), wave.y(),
                wave.area() == null ? "" : " (" + wave.area() + ")"));
    }

    void expectLetIn(Command.ExpectLetIn l) throws ScriptRunner.Failure {
        String me = session.userId();
        var answer = expect(EtiquetteEvent.KnockAnswered.class, e -> e.knockerId().equals(me), l.millis(),
                "no answer to my knock");
        if (!answer.admitted()) {
            throw new ScriptRunner.Failure(answer.byName() + " declined my knock");
        }
        log.accept("  " + answer.byName() + " lets me in" + (answer.room() == null ? "" : " to " + answer.room()));
    }

    void expectLocked(Command.ExpectLocked l) throws ScriptRunner.Failure {
        long deadline = System.nanoTime() + l.millis() * 1_000_000;
        while (session.snapshot().isLocked(l.room()) != l.locked()) {
            if (System.nanoTime() >= deadline) {
                throw new ScriptRunner.Failure("'" + l.room() + "' is still " + (l.locked() ? "open" : "locked")
                        + " after " + l.millis() + " ms; locked rooms: " + session.snapshot().lockedRooms());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScriptRunner.Failure("interrupted");
            }
        }
    }

    private <T extends ServerMessage> T expect(Class<T> type, java.util.function.Predicate<T> match, long millis,
                                               String failure) throws ScriptRunner.Failure {
        try {
            return session.await(type, match, Duration.ofMillis(millis));
        } catch (AssertionError e) {
            throw new ScriptRunner.Failure(failure + " within " + millis + " ms");
        }
    }

    private boolean named(String userId, String displayName, String who) {
        return who.equals(userId) || who.equalsIgnoreCase(displayName);
    }

    private void reply(String ref) throws ScriptRunner.Failure {
        if (ref == null) {
            throw new ScriptRunner.Failure("not connected");
        }
        ServerMessage.Error error;
        try {
            error = etiquette.awaitReply(ref, REPLY);
        } catch (AssertionError e) {
            throw new ScriptRunner.Failure("no answer from the server within " + REPLY.toSeconds() + " s");
        }
        if (error != null) {
            throw new ScriptRunner.Failure(error.code() + ": " + error.message());
        }
    }

    private String userId(String who) throws ScriptRunner.Failure {
        Person p = session.snapshot().find(who);
        if (p == null) {
            throw new ScriptRunner.Failure("nobody called " + who + " is in the space");
        }
        return p.userId();
    }
}
