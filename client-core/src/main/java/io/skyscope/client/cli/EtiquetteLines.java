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
 * The etiquette lines of a CLI script (lock, unlock, knock, let-in, decline, wave, react, walk-to,
 * react-chat and their expectations). A command waits for the server's answer and fails with its error. Runs on the
 * script's thread.
 */
final class EtiquetteLines {
    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final Session session;
    private final Etiquette etiquette;
    private final Consumer<String> log;
    /** The last wave {@code expect-wave} saw, for {@code walk-to-wave}. */
    private EtiquetteEvent.Wave lastWave;

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

    void walkTo(Command.WalkTo w) throws ScriptRunner.Failure {
        Person p = person(w.who());
        walkTo(p.x(), p.y(), p.displayName());
    }

    void walkToWave() throws ScriptRunner.Failure {
        if (lastWave == null) {
            throw new ScriptRunner.Failure("no wave to answer: expect-wave NAME MS first");
        }
        walkTo(lastWave.x(), lastWave.y(), lastWave.fromName());
    }

    private void walkTo(double x, double y, String name) throws ScriptRunner.Failure {
        waitFor(() -> session.snapshot().map() != null, REPLY.toMillis(), () -> "the space's map has not arrived");
        if (!etiquette.walkTo(x, y)) {
            throw new ScriptRunner.Failure("cannot walk to " + name + ": no way around the walls and locked rooms,"
                    + " or the server stopped me");
        }
        Person me = session.snapshot().self();
        log.accept(String.format(Locale.ROOT, "  at %.0f,%.0f beside %s", me.x(), me.y(), name));
    }

    void reactChat(Command.ReactChat r) throws ScriptRunner.Failure {
        var messages = session.snapshot().chat();
        for (int i = messages.size() - 1; i >= 0; i--) {
            var m = messages.get(i);
            if (m.text().contains(r.text())) {
                reply(etiquette.reactToMessage(m.id(), r.emoji(), r.remove()));
                log.accept("  " + r.emoji() + (r.remove() ? " taken back from " : " on ") + m.senderName() + "'s '"
                        + m.text() + "'");
                return;
            }
        }
        throw new ScriptRunner.Failure("no chat message containing '" + r.text() + "' has arrived");
    }

    void expectKnock(Command.ExpectKnock k) throws ScriptRunner.Failure {
        var knock = expect(EtiquetteEvent.Knock.class, e -> named(e.knockerId(), e.knockerName(), k.who()),
                k.millis(), "no knock from " + k.who());
        log.accept("  " + knock.knockerName() + " knocks" + (knock.room() == null ? "" : " on " + knock.room()));
    }

    void expectWave(Command.ExpectWave w) throws ScriptRunner.Failure {
        var wave = expect(EtiquetteEvent.Wave.class, e -> named(e.fromUserId(), e.fromName(), w.who()), w.millis(),
                "no wave from " + w.who());
        lastWave = wave;
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
        waitFor(() -> session.snapshot().isLocked(l.room()) == l.locked(), l.millis(), () -> "'" + l.room()
                + "' is still " + (l.locked() ? "open" : "locked") + " after " + l.millis() + " ms; locked rooms: "
                + session.snapshot().lockedRooms());
    }

    void waitFor(java.util.function.BooleanSupplier done, long millis,
                         java.util.function.Supplier<String> failure) throws ScriptRunner.Failure {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                throw new ScriptRunner.Failure(failure.get());
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

    /** Waits for the server's answer to the request sent with {@code ref}; fails with its error. */
    void reply(String ref) throws ScriptRunner.Failure {
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
        return person(who).userId();
    }

    Person person(String who) throws ScriptRunner.Failure {
        Person p = session.snapshot().find(who);
        if (p == null) {
            throw new ScriptRunner.Failure("nobody called " + who + " is in the space");
        }
        return p;
    }
}
