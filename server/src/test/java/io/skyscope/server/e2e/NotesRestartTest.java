package io.skyscope.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.server.store.MongoStore;
import io.skyscope.server.store.Notes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automerge.AmValue;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notes of a meeting room survive a server restart on the same DATA_DIR, and the writers carry on. */
class NotesRestartTest {
    private static final int PORT = freePort();

    /** The same port after the restart, so the sessions find the server again by themselves. */
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c.withPort(PORT));

    @Test
    void theStoredNotesMatchAfterARestartAndEditsMadeMeanwhileMerge() {
        NotesWriters.uploadOffice(SERVER, SERVER.register("root"));
        try (Session ada = NotesWriters.session(SERVER, "ada");
             Session bo = NotesWriters.session(SERVER, "bo");
             RoomNotes adas = NotesWriters.open(ada, new NotesWriters.Heard());
             RoomNotes bos = NotesWriters.open(bo, new NotesWriters.Heard())) {
            var typists = List.of(new NotesWriters.Typist("a", ada, adas, 1), new NotesWriters.Typist("b", bo, bos, 2));
            typists.forEach(t -> t.type(60, 1000, 5));
            String before = NotesWriters.converged(typists);

            SERVER.stop();
            // What the stopped server left in its store: the text everyone had.
            try (MongoStore store = MongoStore.embedded(SERVER.dataDir().resolve("db"))) {
                byte[] saved = new Notes(store).load(NotesWriters.OFFICE, NotesWriters.ROOM).orElseThrow();
                Document doc = Document.load(saved);
                ObjectId text = ((AmValue.Text) doc.get(ObjectId.ROOT, "text").orElseThrow()).getId();
                assertThat(doc.text(text)).hasValue(before);
                doc.free();
            }
            // Typed while the server is down: merged once it is back.
            typists.forEach(t -> t.type(20, 1000, 1000));
            SERVER.start();

            try (Session carl = NotesWriters.session(SERVER, "carl");
                 RoomNotes carls = NotesWriters.open(carl, new NotesWriters.Heard())) {
                String after = NotesWriters.converged(typists);
                await().atMost(Duration.ofSeconds(30)).until(() -> carls.text().equals(after));
                Set<String> expected = new HashSet<>();
                typists.forEach(t -> expected.addAll(t.expected));
                assertThat(NotesWriters.words(after)).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
