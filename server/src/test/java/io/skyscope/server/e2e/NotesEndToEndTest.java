package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.NotesWriters.ROOM;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.Walker;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The meeting room's shared notes over real sockets with the real Automerge on both ends: people
 * typing at once, with dropped connections, end with the same text holding everyone's words;
 * cursors travel with names; someone outside the room can neither read nor write; the size cap;
 * versions and restoring one.
 */
class NotesEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @BeforeAll
    static void theOfficeHasAMeetingRoom() {
        NotesWriters.uploadOffice(SERVER, SERVER.register("root"));
    }

    @Test
    void twoPeopleTypingAtOnceWithDropsEndWithTheSameTextHoldingBothTexts() throws Exception {
        assertThat(together(2, 200)).isNotNull();
    }

    @Test
    void threePeopleTypingAtOnceWithDropsEndWithTheSameTextHoldingEveryonesText() throws Exception {
        assertThat(together(3, 150)).isNotNull();
    }

    /** {@code people} typists, {@code edits} each at the same time; returns the common text. */
    private static String together(int people, int edits) throws Exception {
        List<NotesWriters.Typist> typists = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < people; i++) {
                Session session = NotesWriters.session(SERVER, "typist");
                sessions.add(session);
                RoomNotes notes = NotesWriters.open(session, new NotesWriters.Heard());
                typists.add(new NotesWriters.Typist(String.valueOf((char) ('a' + i)) + people, session, notes, 7 * i + people));
            }
            typists.getFirst().notes.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
            NotesWriters.converged(typists);
            List<CompletableFuture<Void>> running = typists.stream()
                    .map(t -> CompletableFuture.runAsync(() -> t.type(edits, 40 + 7 * typists.indexOf(t), 9),
                            runnable -> Thread.ofVirtual().start(runnable)))
                    .toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            String text = NotesWriters.converged(typists);
            Set<String> expected = new HashSet<>();
            typists.forEach(t -> expected.addAll(t.expected));
            assertThat(NotesWriters.words(text)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(text.split(" +")).doesNotHaveDuplicates();
            assertThat(expected).hasSizeGreaterThan(people * edits / 3);
            assertThat(sessions).allMatch(s -> s.reconnects() >= edits / 60);

            // Someone who opens the notes now gets that text from the server.
            try (Session late = NotesWriters.session(SERVER, "late");
                 RoomNotes seen = NotesWriters.open(late, new NotesWriters.Heard())) {
                assertThat(seen.text()).isEqualTo(text);
            }
            typists.forEach(t -> t.notes.edit(current -> new RoomNotes.TextEdit(0, current.length(), "")));
            NotesWriters.converged(typists);
            return text;
        } finally {
            typists.forEach(t -> t.notes.close());
            sessions.forEach(Session::close);
        }
    }

    @Test
    void othersSeeMyCursorAndSelectionWithMyNameAndItMovesWithTheirEdits() {
        try (Session ada = NotesWriters.session(SERVER, "ada");
             Session bo = NotesWriters.session(SERVER, "bo")) {
            var adaHeard = new NotesWriters.Heard();
            var boHeard = new NotesWriters.Heard();
            try (RoomNotes adas = NotesWriters.open(ada, adaHeard);
                 RoomNotes bos = NotesWriters.open(bo, boHeard)) {
                adas.edit(t -> new RoomNotes.TextEdit(0, t.length(), "hello world"));
                await().atMost(TIMEOUT).until(() -> bos.text().equals("hello world"));
                assertThat(boHeard.edits).isNotEmpty();

                adas.select(6, 11); // "world"
                String adaName = SERVER.api().me(ada.auth().accessToken()).displayName();
                await().atMost(TIMEOUT).until(() -> boHeard.cursors.stream().anyMatch(c -> c.userId().equals(ada.userId())
                        && c.displayName().equals(adaName) && c.anchor() == 6 && c.head() == 11));

                // Bo types before Ada's selection: it moves along with the word it covers.
                bos.insert(0, "well, ");
                await().atMost(TIMEOUT).until(() -> adas.text().equals("well, hello world"));
                assertThat(bos.cursors()).anyMatch(c -> c.userId().equals(ada.userId()) && c.anchor() == 12 && c.head() == 17);
                assertThat(adas.text().substring(12, 17)).isEqualTo("world");

                adas.hideCursor();
                await().atMost(TIMEOUT).until(() -> boHeard.cursors.stream().noneMatch(c -> c.userId().equals(ada.userId())));
                adas.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
                await().atMost(TIMEOUT).until(() -> bos.text().isEmpty());
            }
        }
    }

    @Test
    void someoneOutsideTheRoomCanNeitherReadNorWriteTheNotes() {
        try (Session ada = NotesWriters.session(SERVER, "inside");
             Session out = NotesWriters.session(SERVER, "outside")) {
            var adaHeard = new NotesWriters.Heard();
            try (RoomNotes adas = NotesWriters.open(ada, adaHeard)) {
                adas.edit(t -> new RoomNotes.TextEdit(0, t.length(), "secret "));
                await().atMost(TIMEOUT).until(() -> adas.unsentEdits() == 0);

                // Someone with the notes open walks out: the server closes them, and their edits are refused.
                var outHeard = new NotesWriters.Heard();
                RoomNotes theirs = NotesWriters.open(out, outHeard);
                walkOut(out);
                await().atMost(TIMEOUT).until(() -> outHeard.closed.contains("left_room"));
                theirs.insert(0, "graffiti ");
                theirs.close();

                // Outside, opening is refused with not_in_room, and so is a raw update or a version list.
                var refused = new NotesWriters.Heard();
                RoomNotes again = RoomNotes.open(out, ROOM, refused, Runnable::run);
                await().atMost(TIMEOUT).until(() -> refused.closed.contains(ErrorCode.NOT_IN_ROOM.wire()));
                assertThat(refused.resets).isEmpty();
                again.close();
                assertThat(again.versions()).failsWithin(TIMEOUT);

                Session raw = out;
                raw.send(new NotesCommand.Open(ROOM, "o1"));
                assertThat(raw.await(ServerMessage.Error.class, e -> "o1".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.NOT_IN_ROOM.wire());
                org.automerge.Document theirsCopy = new org.automerge.Document();
                byte[] change;
                try (var tx = theirsCopy.startTransaction()) {
                    tx.set(org.automerge.ObjectId.ROOT, "text", "graffiti");
                    tx.commit();
                }
                change = theirsCopy.encodeChangesSince(new org.automerge.ChangeHash[0]);
                theirsCopy.free();
                raw.send(new NotesCommand.Update(ROOM, change, "u1"));
                assertThat(raw.await(ServerMessage.Error.class, e -> "u1".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.NOT_IN_ROOM.wire());
                raw.send(new NotesCommand.Versions(ROOM, "v1"));
                assertThat(raw.await(ServerMessage.Error.class, e -> "v1".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.NOT_IN_ROOM.wire());

                ada.send(new ClientMessage.Ping("after"));
                ada.await(ServerMessage.Pong.class, p -> "after".equals(p.ref()), TIMEOUT);
                assertThat(adas.text()).isEqualTo("secret ");
                assertThat(adaHeard.edits).isEmpty();
                adas.delete(0, adas.text().length());
            }
        }
    }

    @Test
    void theTextCannotGrowPastTheCapAndAnOversizedUpdateIsRefused() {
        try (Session ada = NotesWriters.session(SERVER, "big")) {
            try (RoomNotes adas = NotesWriters.open(ada, new NotesWriters.Heard())) {
                adas.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
                String block = "x".repeat(64 * 1024);
                for (int i = 0; i < Limits.MAX_NOTES_TEXT / block.length(); i++) {
                    adas.insert(adas.text().length(), block);
                }
                assertThat(adas.text()).hasSize(Limits.MAX_NOTES_TEXT);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> adas.insert(0, "y"))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most " + Limits.MAX_NOTES_TEXT);
                await().atMost(Duration.ofSeconds(30)).until(() -> adas.unsentEdits() == 0);
                try (Session watcher = NotesWriters.session(SERVER, "watcher");
                     RoomNotes watched = NotesWriters.open(watcher, new NotesWriters.Heard())) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> watched.text().length() == Limits.MAX_NOTES_TEXT);
                }

                // A client that ignores the cap: its change is refused with notes_too_large and not kept.
                Session raw = NotesWriters.session(SERVER, "rogue");
                var doc = NotesWriters.serverCopy(raw, "o1");
                byte[] tooMany = NotesWriters.change(doc, 0, "one too many");
                raw.send(new NotesCommand.Update(ROOM, tooMany, "u1"));
                assertThat(raw.await(ServerMessage.Error.class, e -> "u1".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.NOTES_TOO_LARGE.wire());
                doc.free();
                raw.close();

                try (Session later = NotesWriters.session(SERVER, "later");
                     RoomNotes seen = NotesWriters.open(later, new NotesWriters.Heard())) {
                    assertThat(seen.text()).hasSize(Limits.MAX_NOTES_TEXT).doesNotContain("one too many");
                }
                adas.delete(0, adas.text().length());
                await().atMost(TIMEOUT).until(() -> adas.unsentEdits() == 0);
            }
        }
    }

    @Test
    void closingTheNotesSavesAVersionAndRestoringOneSetsTheTextBackForEveryone() throws Exception {
        try (Session ada = NotesWriters.session(SERVER, "ver");
             Session bo = NotesWriters.session(SERVER, "vbo")) {
            RoomNotes adas = NotesWriters.open(ada, new NotesWriters.Heard());
            adas.edit(t -> new RoomNotes.TextEdit(0, t.length(), "agenda: budget"));
            await().atMost(TIMEOUT).until(() -> adas.unsentEdits() == 0);
            adas.close(); // the last reader leaves: a version is saved

            var boHeard = new NotesWriters.Heard();
            RoomNotes bos = NotesWriters.open(bo, boHeard);
            List<NotesEvent.Version> versions = bos.versions().get(15, TimeUnit.SECONDS);
            assertThat(versions).isNotEmpty();
            NotesEvent.Version agenda = versions.getFirst();
            assertThat(agenda.length()).isEqualTo("agenda: budget".length());
            assertThat(agenda.editors()).isNotEmpty();

            bos.edit(t -> new RoomNotes.TextEdit(0, t.length(), "scribbles"));
            await().atMost(TIMEOUT).until(() -> bos.unsentEdits() == 0);
            bos.restore(agenda.id()).get(15, TimeUnit.SECONDS);
            await().atMost(TIMEOUT).until(() -> bos.text().equals("agenda: budget"));

            // The text before the restore was saved as a version too.
            List<NotesEvent.Version> after = bos.versions().get(15, TimeUnit.SECONDS);
            assertThat(after).hasSizeGreaterThan(versions.size());
            assertThat(after.getFirst().length()).isEqualTo("scribbles".length());
            assertThat(bos.restore("no-such-version")).failsWithin(TIMEOUT);
            bos.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
            await().atMost(TIMEOUT).until(() -> bos.unsentEdits() == 0);
            bos.close();
        }
    }

    /** Walks the session out of the meeting room, and waits until the server has the last step. */
    private static void walkOut(Session session) {
        assertThat(Walker.walk(session, NotesWriters.OUTSIDE[0], NotesWriters.OUTSIDE[1])).isTrue();
        session.send(new ClientMessage.Ping("walked"));
        session.await(ServerMessage.Pong.class, p -> "walked".equals(p.ref()), TIMEOUT);
    }

}
