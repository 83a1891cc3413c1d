package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.notes.RoomNotes;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.space.SpaceService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.Transaction;

/**
 * People who write the notes of one meeting room together, for the notes tests: a small office
 * whose left half is the meeting room {@value #ROOM} (everyone appears in it), sessions that
 * reconnect by themselves, and typists that insert and delete whole words of their own at word
 * boundaries (so every word stays whole however the edits interleave) and remember which of
 * their words should be in the text at the end.
 */
public final class NotesWriters {
    public static final String ROOM = "Notes Room";
    public static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    /** The room spans x 0..256; this spot is outside it. */
    static final double[] OUTSIDE = {400, 80};
    public static final Session.Options FAST = new Session.Options(Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMillis(500));

    private NotesWriters() {
    }

    /** Puts the small office with its meeting room in place of the default office's map. */
    static void uploadOffice(ServerExtension server, AuthResponse admin) {
        uploadOffice(server.api(), admin, OFFICE);
    }

    /** The same map for the space {@code spaceId}, through the node {@code api} speaks to. */
    public static void uploadOffice(io.skyscope.client.SkyScopeApi api, AuthResponse admin, String spaceId) {
        var tmj = TestMaps.tmj(
                "################",
                "#S.............#",
                "#..............#",
                "#..............#",
                "#..............#",
                "################");
        TestMaps.addArea(tmj, "meeting-room", ROOM, 0, 0, 256, 192);
        try {
            var png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB), "png", png);
            api.uploadMap(admin.accessToken(), spaceId, TestMaps.bytes(tmj), Map.of("test.png", png.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Session session(ServerExtension server, String prefix) {
        AuthResponse user = server.register(prefix);
        return Session.open(server.api(), new Session.Credentials(user.username(),
                "violet harbor lantern " + user.username(), null), OFFICE, FAST);
    }

    /** What a listener of the notes heard. */
    public static final class Heard implements RoomNotes.Listener {
        final List<String> resets = new CopyOnWriteArrayList<>();
        final List<RoomNotes.TextEdit> edits = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        volatile List<RoomNotes.RemoteCursor> cursors = List.of();

        @Override
        public void reset(String text) {
            resets.add(text);
        }

        @Override
        public void changed(List<RoomNotes.TextEdit> changes) {
            edits.addAll(changes);
        }

        @Override
        public void cursors(List<RoomNotes.RemoteCursor> now) {
            cursors = now;
        }

        @Override
        public void closed(String reason) {
            closed.add(reason);
        }
    }

    /** Opens the room's notes for {@code session} and waits for the text. */
    public static RoomNotes open(Session session, Heard heard) {
        RoomNotes notes = RoomNotes.open(session, ROOM, heard, Runnable::run);
        await().atMost(TIMEOUT).until(notes::ready);
        return notes;
    }

    /** Empties the notes and waits until the server has handled that (its frames are handled in order). */
    static void clear(Session session, RoomNotes notes) {
        notes.edit(t -> new RoomNotes.TextEdit(0, t.length(), ""));
        await().atMost(TIMEOUT).until(() -> notes.unsentEdits() == 0);
        String ref = session.nextRef("synced");
        session.send(new io.skyscope.protocol.ClientMessage.Ping(ref));
        session.await(io.skyscope.protocol.ServerMessage.Pong.class, p -> ref.equals(p.ref()), TIMEOUT);
    }

    /**
     * What a client that speaks the protocol by itself holds after {@code notes.open}: a fork of
     * the server's document (its own actor) and the text object in it. Free it when done.
     */
    static Document serverCopy(Session session, String ref) {
        session.send(new NotesCommand.Open(ROOM, ref));
        List<NotesEvent.State> parts = new ArrayList<>();
        NotesEvent.State part;
        do {
            part = session.await(NotesEvent.State.class, s -> ref.equals(s.ref()) && s.part() == parts.size(), TIMEOUT);
            parts.add(part);
        } while (parts.size() < part.parts());
        var whole = new ByteArrayOutputStream();
        parts.forEach(p -> whole.writeBytes(p.data()));
        Document loaded = Document.load(whole.toByteArray());
        Document doc = loaded.fork();
        loaded.free();
        return doc;
    }

    static ObjectId textOf(Document doc) {
        return ((AmValue.Text) doc.get(ObjectId.ROOT, "text").orElseThrow()).getId();
    }

    /** Inserts {@code inserted} at {@code index} of the document's text; returns that change, encoded. */
    static byte[] change(Document doc, int index, String inserted) {
        ChangeHash[] before = doc.getHeads();
        try (Transaction tx = doc.startTransaction()) {
            tx.spliceText(textOf(doc), index, 0, inserted);
            tx.commit();
        }
        return doc.encodeChangesSince(before);
    }

    /** One person typing: words of their own ({@code name} + a number), put in and taken out at random. */
    public static final class Typist {
        final String name;
        final Session session;
        final RoomNotes notes;
        public final Set<String> expected = new HashSet<>();
        private final List<String> mine = new ArrayList<>();
        private final Random random;
        private int counter;

        public Typist(String name, Session session, RoomNotes notes, long seed) {
            this.name = name;
            this.session = session;
            this.notes = notes;
            this.random = new Random(seed);
        }

        /**
         * {@code edits} edits; every {@code dropEvery}-th the connection drops (the next ones are
         * made offline), every {@code syncEvery}-th waits until what is typed has gone out.
         */
        public void type(int edits, int dropEvery, int syncEvery) {
            for (int i = 1; i <= edits; i++) {
                if (!mine.isEmpty() && random.nextInt(4) == 0) {
                    deleteOne();
                } else {
                    insertOne();
                }
                if (i % dropEvery == 0) {
                    session.dropConnection();
                } else if (i % syncEvery == 0) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> notes.ready() && notes.unsentEdits() == 0);
                }
                if (random.nextInt(3) == 0) {
                    int at = random.nextInt(notes.text().length() + 1);
                    notes.select(at, Math.min(notes.text().length(), at + random.nextInt(5)));
                }
            }
        }

        private void insertOne() {
            String word = name + (counter++) + " ";
            notes.edit(text -> {
                List<Integer> boundaries = new ArrayList<>();
                boundaries.add(0);
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == ' ') {
                        boundaries.add(i + 1);
                    }
                }
                return new RoomNotes.TextEdit(boundaries.get(random.nextInt(boundaries.size())), 0, word);
            });
            mine.add(word);
            expected.add(word.trim());
        }

        private void deleteOne() {
            String word = mine.remove(random.nextInt(mine.size()));
            notes.edit(text -> {
                int at = (" " + text).indexOf(" " + word);
                assertThat(at).as("%s's word %s in %s", name, word, text).isNotNegative();
                return new RoomNotes.TextEdit(at, word.length(), "");
            });
            expected.remove(word.trim());
        }
    }

    /** The words of a text, in any order. */
    public static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.trim().split(" +"))).stream().filter(w -> !w.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Waits until every typist has sent everything and all hold the same text; returns it. */
    public static String converged(List<Typist> typists) {
        await().atMost(Duration.ofSeconds(60)).until(() -> typists.stream()
                .allMatch(t -> t.notes.ready() && t.notes.unsentEdits() == 0)
                && typists.stream().map(t -> t.notes.text()).distinct().count() == 1);
        return typists.getFirst().notes.text();
    }
}
