package io.skyscope.client.cli;

import io.skyscope.client.Desks;
import io.skyscope.client.Session;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.Person;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The desk lines of a CLI script (claim-desk, free-desk, assign-desk, desk-note, go-to-desk,
 * walk-to-desk, read-desk-notes, expect-desk, expect-desk-note). A command waits for the server's
 * answer and fails with its error. Runs on the script's thread.
 */
final class DeskLines {
    private static final Duration LOADED = Duration.ofSeconds(10);

    private final Session session;
    private final Desks desks;
    private final EtiquetteLines replies;
    private final Consumer<String> log;

    DeskLines(Session session, EtiquetteLines replies, Consumer<String> log) {
        this.session = session;
        this.desks = session.desks();
        this.replies = replies;
        this.log = log;
    }

    void run(Command.DeskLine line) throws ScriptRunner.Failure {
        switch (line) {
            case Command.DeskLine.Claim c -> replies.reply(desks.claim(c.desk()));
            case Command.DeskLine.Free f -> replies.reply(desks.free(f.desk()));
            case Command.DeskLine.Assign a -> replies.reply(desks.assign(a.desk(), replies.person(a.who()).userId()));
            case Command.DeskLine.Note n -> replies.reply(desks.leaveNote(n.desk(), n.text()));
            case Command.DeskLine.GoToDesk g -> replies.reply(desks.setGoToDesk(g.on()));
            case Command.DeskLine.WalkTo w -> walkTo(w.desk());
            case Command.DeskLine.ReadNotes r -> readNotes();
            case Command.DeskLine.Expect e -> expect(e);
            case Command.DeskLine.ExpectNote e -> expectNote(e);
        }
    }

    private void walkTo(String named) throws ScriptRunner.Failure {
        loaded();
        String desk = named != null ? named : desks.state().mine();
        if (desk == null) {
            throw new ScriptRunner.Failure("I hold no desk here");
        }
        replies.waitFor(() -> session.snapshot().map() != null, LOADED.toMillis(), () -> "the space's map has not arrived");
        if (desks.onMap(desk).isEmpty()) {
            throw new ScriptRunner.Failure("the map has no desk called '" + desk + "'");
        }
        if (!desks.walkTo(desk)) {
            throw new ScriptRunner.Failure("cannot walk to " + desk + ": no way there, or the server stopped me");
        }
        Person me = session.snapshot().self();
        log.accept(String.format(Locale.ROOT, "  at %.0f,%.0f at %s", me.x(), me.y(), desk));
    }

    private void readNotes() throws ScriptRunner.Failure {
        loaded();
        for (DeskEvent.Note note : desks.state().notes()) {
            log.accept("  note from " + note.fromName() + ": " + note.text());
        }
        String ref = desks.markNotesRead();
        if (ref != null) {
            replies.reply(ref);
        }
    }

    private void expect(Command.DeskLine.Expect e) throws ScriptRunner.Failure {
        replies.waitFor(() -> holds(e.who(), desks.state().holderOf(e.desk())), e.millis(), () -> "'" + e.desk()
                + "' is not held by " + e.who() + " after " + e.millis() + " ms; it is "
                + desks.state().holderOf(e.desk()).map(h -> "held by " + h.displayName()).orElse("free"));
        log.accept("  " + e.desk() + ": " + desks.state().holderOf(e.desk()).map(DeskEvent.Holder::displayName)
                .orElse("free"));
    }

    private boolean holds(String who, Optional<DeskEvent.Holder> holder) {
        return switch (who.toLowerCase(Locale.ROOT)) {
            case "nobody" -> holder.isEmpty();
            case "me" -> holder.filter(h -> h.userId().equals(session.userId())).isPresent();
            default -> holder.filter(h -> h.userId().equals(who) || h.displayName().equalsIgnoreCase(who)).isPresent();
        };
    }

    private void expectNote(Command.DeskLine.ExpectNote e) throws ScriptRunner.Failure {
        replies.waitFor(() -> desks.state().notes().stream().anyMatch(n -> n.text().contains(e.text())), e.millis(),
                () -> "no note containing '" + e.text() + "' on my desk within " + e.millis() + " ms; notes: "
                        + desks.state().notes().stream().map(DeskEvent.Note::text).toList());
    }

    private void loaded() throws ScriptRunner.Failure {
        replies.waitFor(() -> desks.state().loaded(), LOADED.toMillis(), () -> "the desks have not arrived");
    }
}
