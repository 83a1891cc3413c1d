package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.NotesWriters.ROOM;
import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Connection;
import io.skyscope.client.Session;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.ServerMessage;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.ObjectType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notes seen from someone who does not play by the rules, over real sockets: bytes that are not
 * Automerge changes, changes that build on what the server lacks or replace the text object,
 * floods of updates, cursors and opens, and a writer who vanishes mid-edit. The others' text stays
 * whole and nothing refused reaches them.
 */
class NotesAbuseEndToEndTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @BeforeAll
    static void theOfficeHasAMeetingRoom() {
        NotesWriters.uploadOffice(SERVER, SERVER.register("root"));
    }

    @Test
    void bytesThatAreNotWholeAutomergeChangesAreRefusedBeforeTheyReachTheDocument() {
        Connection k = SERVER.connect(SERVER.register("kim"));
        k.send(new ClientMessage.Join(NotesWriters.OFFICE, "j"));
        k.await(ServerMessage.Welcome.class, TIMEOUT);
        k.send(new NotesCommand.Open(ROOM, "o1"));
        k.await(NotesEvent.State.class, s -> "o1".equals(s.ref()), TIMEOUT);

        Document own = new Document();
        try (var tx = own.startTransaction()) {
            tx.set(ObjectId.ROOT, "text", ObjectType.TEXT);
            tx.commit();
        }
        byte[] real = NotesWriters.change(own, 0, "hello");
        own.free();
        byte[] flipped = real.clone();
        flipped[flipped.length - 2] ^= 0x55;
        byte[] cut = java.util.Arrays.copyOf(real, real.length - 3);
        byte[] huge = new byte[Limits.MAX_NOTES_UPDATE_BYTES + 1];
        System.arraycopy(real, 0, huge, 0, real.length);
        List<byte[]> bad = List.of(new byte[] {1, 2, 3}, flipped, cut, huge);
        for (int i = 0; i < bad.size(); i++) {
            k.sendRaw("{\"type\":\"notes.update\",\"room\":\"" + ROOM + "\",\"changes\":\""
                    + Base64.getEncoder().encodeToString(bad.get(i)) + "\",\"ref\":\"b" + i + "\"}");
            String ref = "b" + i;
            var error = k.await(ServerMessage.Error.class, e -> ref.equals(e.ref()), TIMEOUT);
            assertThat(error.code()).as("bad update %d", i).isEqualTo(ErrorCode.INVALID_FIELD.wire());
            assertThat(error.field()).isEqualTo("changes");
        }
        // The connection is still served.
        k.send(new ClientMessage.Ping("after"));
        k.await(ServerMessage.Pong.class, p -> "after".equals(p.ref()), TIMEOUT);
    }

    @Test
    void changesThatBuildOnWhatTheServerLacksOrReplaceTheTextAreRefusedAndReachNobody() {
        try (Session ada = NotesWriters.session(SERVER, "ada");
             Session rogue = NotesWriters.session(SERVER, "rogue")) {
            var adaHeard = new NotesWriters.Heard();
            try (RoomNotes adas = NotesWriters.open(ada, adaHeard)) {
                NotesWriters.clear(ada, adas);
                List<ServerMessage.Error> errors = new CopyOnWriteArrayList<>();
                rogue.onMessage(m -> {
                    if (m instanceof ServerMessage.Error e) {
                        errors.add(e);
                    }
                });
                Document doc = NotesWriters.serverCopy(rogue, "o1");
                byte[] first = NotesWriters.change(doc, 0, "first ");
                byte[] second = NotesWriters.change(doc, 6, "second ");

                // The second without the first: Automerge would hold it back unseen; the server refuses it.
                rogue.send(new NotesCommand.Update(ROOM, second, "u1"));
                assertThat(rogue.await(ServerMessage.Error.class, e -> "u1".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.BAD_REQUEST.wire());
                // In order they merge; the same change again is taken without a word and relayed to nobody.
                rogue.send(new NotesCommand.Update(ROOM, first, "u2"));
                rogue.send(new NotesCommand.Update(ROOM, second, "u3"));
                await().atMost(TIMEOUT).until(() -> adas.text().equals("first second "));
                int heard = adaHeard.edits.size();
                rogue.send(new NotesCommand.Update(ROOM, first, "u4"));

                // Replacing the text object, or writing beside it, would cut everyone off: refused.
                var heads = doc.getHeads();
                try (var tx = doc.startTransaction()) {
                    tx.set(ObjectId.ROOT, "text", ObjectType.TEXT);
                    tx.commit();
                }
                rogue.send(new NotesCommand.Update(ROOM, doc.encodeChangesSince(heads), "u5"));
                assertThat(rogue.await(ServerMessage.Error.class, e -> "u5".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.BAD_REQUEST.wire());
                Document other = NotesWriters.serverCopy(rogue, "o2");
                heads = other.getHeads();
                try (var tx = other.startTransaction()) {
                    tx.set(ObjectId.ROOT, "title", "pwned");
                    tx.commit();
                }
                rogue.send(new NotesCommand.Update(ROOM, other.encodeChangesSince(heads), "u6"));
                assertThat(rogue.await(ServerMessage.Error.class, e -> "u6".equals(e.ref()), TIMEOUT).code())
                        .isEqualTo(ErrorCode.BAD_REQUEST.wire());
                doc.free();
                other.free();

                rogue.send(new ClientMessage.Ping("after"));
                rogue.await(ServerMessage.Pong.class, p -> "after".equals(p.ref()), TIMEOUT);
                assertThat(errors).noneMatch(e -> List.of("u2", "u3", "u4").contains(e.ref()));
                assertThat(adaHeard.edits).hasSize(heard);
                try (Session late = NotesWriters.session(SERVER, "late");
                     RoomNotes seen = NotesWriters.open(late, new NotesWriters.Heard())) {
                    assertThat(seen.text()).isEqualTo("first second ");
                }
                NotesWriters.clear(ada, adas);
            }
        }
    }

    @Test
    void floodsOfUpdatesCursorsAndOpensAreRateLimitedAndTheFloodersEditorStillGetsThrough() {
        try (Session ada = NotesWriters.session(SERVER, "calm");
             Session flood = NotesWriters.session(SERVER, "flood")) {
            try (RoomNotes adas = NotesWriters.open(ada, new NotesWriters.Heard())) {
                NotesWriters.clear(ada, adas);
                List<ServerMessage.Error> errors = new CopyOnWriteArrayList<>();
                flood.onMessage(m -> {
                    if (m instanceof ServerMessage.Error e && e.ref() != null) {
                        errors.add(e);
                    }
                });
                Document doc = NotesWriters.serverCopy(flood, "o0");
                byte[] change = NotesWriters.change(doc, 0, "x");
                doc.free();
                for (int i = 0; i < 70; i++) { // within the connection's burst of frames
                    flood.send(new NotesCommand.Update(ROOM, change, "u" + i));
                }
                await().atMost(TIMEOUT).until(() -> errors.stream().anyMatch(e -> e.ref().startsWith("u")));
                try (Session pointer = NotesWriters.session(SERVER, "pointer")) {
                    pointer.onMessage(m -> {
                        if (m instanceof ServerMessage.Error e && e.ref() != null) {
                            errors.add(e);
                        }
                    });
                    NotesWriters.serverCopy(pointer, "p0").free();
                    for (int i = 0; i < 45; i++) {
                        pointer.send(new NotesCommand.Cursor(ROOM, "end", "end", "c" + i));
                    }
                    await().atMost(TIMEOUT).until(() -> errors.stream().anyMatch(e -> e.ref().startsWith("c")));
                }
                assertThat(errors).allSatisfy(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());
                    assertThat(e.retryAfterMs()).isPositive();
                });
                await().atMost(TIMEOUT).until(() -> adas.text().equals("x"));

                // Every open sends the whole document: they are limited too.
                Connection opener = SERVER.connect(SERVER.register("opener"));
                opener.send(new ClientMessage.Join(NotesWriters.OFFICE, "j"));
                opener.await(ServerMessage.Welcome.class, TIMEOUT);
                for (int i = 0; i < 20; i++) {
                    opener.send(new NotesCommand.Open(ROOM, "o" + i));
                }
                assertThat(opener.await(ServerMessage.Error.class, e -> e.ref() != null && e.ref().startsWith("o"), TIMEOUT)
                        .code()).isEqualTo(ErrorCode.RATE_LIMITED.wire());

                // The flooder's own editor, on the same budget, still gets its words to the others.
                try (RoomNotes floods = NotesWriters.open(flood, new NotesWriters.Heard())) {
                    floods.insert(floods.text().length(), " still here");
                    await().atMost(TIMEOUT).until(() -> adas.text().equals("x still here"));
                    floods.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
                    await().atMost(TIMEOUT).until(() -> adas.text().isEmpty());
                }
            }
        }
    }

    @Test
    void someoneWhoVanishesMidEditKeepsWhatReachedTheServerAndTheirCursorGoes() {
        try (Session ada = NotesWriters.session(SERVER, "stay")) {
            var adaHeard = new NotesWriters.Heard();
            try (RoomNotes adas = NotesWriters.open(ada, adaHeard)) {
                NotesWriters.clear(ada, adas);
                Session bo = NotesWriters.session(SERVER, "vanish");
                RoomNotes bos = NotesWriters.open(bo, new NotesWriters.Heard());
                bos.insert(0, "half a sentence");
                bos.select(5, 5);
                await().atMost(TIMEOUT).until(() -> adas.text().equals("half a sentence")
                        && adaHeard.cursors.stream().anyMatch(c -> c.userId().equals(bo.userId())));
                bo.close(); // the connection ends without closing the notes
                await().atMost(TIMEOUT).until(() -> adaHeard.cursors.stream().noneMatch(c -> c.userId().equals(bo.userId())));
                assertThat(adas.text()).isEqualTo("half a sentence");
                bos.close();
                NotesWriters.clear(ada, adas);
            }
        }
    }
}
