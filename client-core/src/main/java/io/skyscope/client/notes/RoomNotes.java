package io.skyscope.client.notes;

import io.skyscope.client.Session;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesChanges;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.automerge.AmValue;
import org.automerge.ChangeHash;
import org.automerge.Cursor;
import org.automerge.Document;
import org.automerge.ObjectId;
import org.automerge.Patch;
import org.automerge.PatchAction;
import org.automerge.PatchLog;
import org.automerge.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared notes of the meeting room I stand in, for a text editor: local edits go in as
 * insert/delete/replace at positions, remote edits come out as {@link TextEdit}s, my selection goes
 * out and the others' come in with their names. Positions are Java {@code char} indexes (UTF-16,
 * as text controls count); the Automerge document underneath counts code points, and this class
 * converts.
 *
 * <p>Edits are merged by Automerge, so concurrent edits keep everyone's text. Local edits are
 * committed at once and sent every {@value #FLUSH_MILLIS} ms; while the session is reconnecting
 * they wait, and when it is online again the notes are opened again: the server's document is
 * merged in (its edits reach the listener as usual) and everything the server lacks is sent. If
 * the server refuses an edit for size ({@code notes_too_large}) the local document is dropped and
 * the server's is taken as it is ({@link Listener#reset}); if it refuses one because it lacks what
 * the edit builds on, the notes are opened again and everything it lacks is sent.
 *
 * <p>Threads: what arrives from the server is applied, and the listener told, on the {@code
 * events} executor given to {@link #open} (one at a time, in order). An editor passes its UI
 * thread ({@code Platform::runLater}) and makes its local edits on that thread too, so the
 * positions it edits at always refer to the text it shows. Any method may be called from any
 * thread; {@link #edit} chooses and makes an edit atomically when edits come from elsewhere.
 */
public final class RoomNotes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoomNotes.class);
    static final int FLUSH_MILLIS = 50;
    /** My cursor goes out at most this often (the server allows 15 a second). */
    static final int CURSOR_MILLIS = 100;
    /** Longest insert committed as one change (at most 16 KiB of UTF-8), so each change fits an update. */
    private static final int PIECE = 4096;
    private static final String END = "end";

    /** What an editor shows. */
    public interface Listener {
        /** The whole text (the first time the notes arrive, or after the local document was dropped). */
        default void reset(String text) {
        }

        /** Edits by others, in order, each at positions of the text as it stood after the one before. */
        default void changed(List<TextEdit> edits) {
        }

        /** The others' cursors and selections as they stand now (after each change and each move). */
        default void cursors(List<RemoteCursor> cursors) {
        }

        /** The server closed the notes for me: {@code left_room}, or {@code not_in_room} on an edit. */
        default void closed(String reason) {
        }
    }

    /** At {@code index}, {@code deleted} chars were removed and {@code inserted} put in their place. */
    public record TextEdit(int index, int deleted, String inserted) {
    }

    /** Someone's selection from {@code anchor} to {@code head} (equal: a plain cursor). */
    public record RemoteCursor(String userId, String displayName, int anchor, int head) {
    }

    private record Wire(String name, String anchor, String head) {
    }

    private final Session session;
    private final String room;
    private final Listener listener;
    private final Executor events;
    private final Consumer<ServerMessage> onMessage = m -> events().execute(() -> received(m));
    private final Consumer<Session.State> onState = this::stateChanged;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("notes-flush").factory());
    private final Map<String, CompletableFuture<Object>> requests = new ConcurrentHashMap<>();

    // Guarded by this.
    private Document doc;
    private ObjectId text;
    private String mirror = "";
    private boolean open;
    private boolean closed;
    private String openRef;
    private final List<byte[]> stateParts = new ArrayList<>();
    private final List<byte[]> unsent = new ArrayList<>();
    private final Map<String, Wire> others = new LinkedHashMap<>();
    private Wire myCursor;
    private boolean cursorDirty;
    private long cursorSentMillis;

    private RoomNotes(Session session, String room, Listener listener, Executor events) {
        this.session = session;
        this.room = room;
        this.listener = listener;
        this.events = events;
    }

    /**
     * Opens the notes of {@code room} (the meeting room I stand in); the text arrives at {@link
     * Listener#reset}. Server messages are applied on {@code events} ({@code Runnable::run}: the
     * session's receive thread).
     */
    public static RoomNotes open(Session session, String room, Listener listener, Executor events) {
        var notes = new RoomNotes(session, room, listener, events);
        session.onMessage(notes.onMessage);
        session.onState(notes.onState);
        notes.flusher.scheduleWithFixedDelay(notes::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        notes.sendOpen();
        return notes;
    }

    public String room() {
        return room;
    }

    /** Whether the text has arrived from the server on the current connection. */
    public synchronized boolean ready() {
        return open;
    }

    /** The text as this client has it. */
    public synchronized String text() {
        return mirror;
    }

    /** Edits not yet sent to the server. */
    public synchronized int unsentEdits() {
        return unsent.size();
    }

    /**
     * Chooses an edit from the current text and makes it, with no remote change in between
     * (bots, tests, and edits that do not come from a UI thread); a null choice edits nothing.
     */
    public synchronized void edit(Function<String, TextEdit> choose) {
        TextEdit edit = choose.apply(mirror);
        if (edit != null) {
            replace(edit.index(), edit.deleted(), edit.inserted());
        }
    }

    public void insert(int index, String inserted) {
        replace(index, 0, inserted);
    }

    public void delete(int index, int length) {
        replace(index, length, "");
    }

    /**
     * Replaces {@code length} chars at {@code index} with {@code inserted}. Throws
     * IllegalStateException before the text has arrived or if the text would grow past {@link
     * Limits#MAX_NOTES_TEXT} characters; IndexOutOfBoundsException for positions outside the text.
     */
    public synchronized void replace(int index, int length, String inserted) {
        if (doc == null) {
            throw new IllegalStateException("the notes have not arrived yet");
        }
        if (index < 0 || length < 0 || index + length > mirror.length()) {
            throw new IndexOutOfBoundsException("range " + index + "+" + length + " outside 0.." + mirror.length());
        }
        long start = mirror.codePointCount(0, index);
        long deleted = mirror.codePointCount(index, index + length);
        long after = mirror.codePointCount(0, mirror.length()) - deleted + inserted.codePointCount(0, inserted.length());
        if (after > Limits.MAX_NOTES_TEXT) {
            throw new IllegalStateException("the notes would be " + after + " characters long; at most "
                    + Limits.MAX_NOTES_TEXT + " fit");
        }
        commit(start, deleted, "");
        int at = 0;
        long position = start;
        while (at < inserted.length()) {
            int end = Math.min(inserted.length(), at + PIECE);
            if (end < inserted.length() && Character.isHighSurrogate(inserted.charAt(end - 1))) {
                end--;
            }
            String piece = inserted.substring(at, end);
            commit(position, 0, piece);
            position += piece.codePointCount(0, piece.length());
            at = end;
        }
        mirror = mirror.substring(0, index) + inserted + mirror.substring(index + length);
    }

    /** Shows my selection (from {@code anchor} to {@code head}, equal for a cursor) to the others. */
    public synchronized void select(int anchor, int head) {
        if (doc == null) {
            return;
        }
        myCursor = new Wire(null, cursorAt(anchor), cursorAt(head));
        cursorDirty = true;
    }

    /** Stops showing my cursor. */
    public synchronized void hideCursor() {
        myCursor = null;
        cursorDirty = true;
    }

    /** The others' cursors and selections, at positions of the text as this client has it. */
    public synchronized List<RemoteCursor> cursors() {
        List<RemoteCursor> result = new ArrayList<>();
        if (doc == null) {
            return result;
        }
        others.forEach((userId, wire) -> {
            Optional<Integer> anchor = position(wire.anchor());
            Optional<Integer> head = position(wire.head());
            if (anchor.isPresent() && head.isPresent()) {
                result.add(new RemoteCursor(userId, wire.name(), anchor.get(), head.get()));
            }
        });
        return result;
    }

    /** The saved versions, newest first. */
    public CompletableFuture<List<NotesEvent.Version>> versions() {
        String ref = session.nextRef("notes-versions");
        CompletableFuture<Object> answer = request(ref);
        send(new NotesCommand.Versions(room, ref), answer);
        return answer.thenApply(m -> ((NotesEvent.Versions) m).versions());
    }

    /** Sets the text back to a saved version (a change like any edit: it reaches everyone's listener). */
    public CompletableFuture<Void> restore(String versionId) {
        String ref = session.nextRef("notes-restore");
        CompletableFuture<Object> answer = request(ref);
        send(new NotesCommand.Restore(room, versionId, ref), answer);
        return answer.thenApply(m -> null);
    }

    /** Sends what is left, closes the notes and frees the document. */
    @Override
    public void close() {
        flush();
        flusher.shutdownNow();
        session.removeListener(onMessage);
        session.removeStateListener(onState);
        synchronized (this) {
            if (open) {
                session.send(new NotesCommand.Close(room, session.nextRef("notes-close")));
            }
            closed = true;
            open = false;
            if (doc != null) {
                doc.free();
                doc = null;
            }
        }
        requests.values().forEach(r -> r.completeExceptionally(new IllegalStateException("notes closed")));
    }

    // ---- internals -------------------------------------------------------------------------

    private CompletableFuture<Object> request(String ref) {
        var answer = new CompletableFuture<Object>();
        requests.put(ref, answer);
        answer.whenComplete((m, e) -> requests.remove(ref));
        return answer;
    }

    private void send(NotesCommand command, CompletableFuture<Object> answer) {
        if (!session.send(command)) {
            answer.completeExceptionally(new IllegalStateException("offline"));
        }
    }

    private synchronized void sendOpen() {
        if (closed) {
            return;
        }
        open = false;
        stateParts.clear();
        openRef = session.nextRef("notes-open");
        session.send(new NotesCommand.Open(room, openRef));
    }

    private void stateChanged(Session.State state) {
        if (state == Session.State.ONLINE) {
            sendOpen();
        } else {
            synchronized (this) {
                open = false;
            }
        }
    }

    /** One local change, committed and queued for the server. */
    private void commit(long start, long deleted, String inserted) {
        if (deleted == 0 && inserted.isEmpty()) {
            return;
        }
        ChangeHash[] before = doc.getHeads();
        try (Transaction tx = doc.startTransaction()) {
            tx.spliceText(text, start, deleted, inserted);
            tx.commit();
        }
        unsent.add(doc.encodeChangesSince(before));
    }

    /** On the flush thread: sends queued edits (whole changes, up to a frame's worth each) and my cursor. */
    private void flush() {
        List<NotesCommand> out = new ArrayList<>();
        synchronized (this) {
            if (!open) {
                return;
            }
            var group = new ByteArrayOutputStream();
            for (byte[] change : unsent) {
                if (group.size() > 0 && group.size() + change.length > Limits.MAX_NOTES_UPDATE_BYTES) {
                    out.add(new NotesCommand.Update(room, group.toByteArray(), session.nextRef("notes-update")));
                    group.reset();
                }
                group.writeBytes(change);
            }
            if (group.size() > 0) {
                out.add(new NotesCommand.Update(room, group.toByteArray(), session.nextRef("notes-update")));
            }
            unsent.clear();
            long now = System.currentTimeMillis();
            if (cursorDirty && now - cursorSentMillis >= CURSOR_MILLIS) {
                cursorSentMillis = now;
                out.add(new NotesCommand.Cursor(room, myCursor == null ? null : myCursor.anchor(),
                        myCursor == null ? null : myCursor.head(), null));
                cursorDirty = false;
            }
        }
        // Lost in a drop? The next open sends everything the server lacks.
        out.forEach(session::send);
    }

    private Executor events() {
        return events;
    }

    private void received(ServerMessage message) {
        switch (message) {
            case NotesEvent.State state when room.equals(state.room()) -> statePart(state);
            case NotesEvent.Update update when room.equals(update.room()) -> remote(update.changes());
            case NotesEvent.Cursor cursor when room.equals(cursor.room()) -> {
                synchronized (this) {
                    if (cursor.anchor() == null) {
                        others.remove(cursor.userId());
                    } else {
                        others.put(cursor.userId(), new Wire(cursor.displayName(), cursor.anchor(), cursor.head()));
                    }
                    listener.cursors(cursors());
                }
            }
            case NotesEvent.Closed c when room.equals(c.room()) -> shut(c.reason());
            case NotesEvent.Versions v when room.equals(v.room()) -> answer(v.ref(), v);
            case ServerMessage.Ack ack -> answer(ack.ref(), ack);
            case ServerMessage.Error error when error.ref() != null && error.ref().startsWith("notes-") -> refused(error);
            default -> {
            }
        }
    }

    private void answer(String ref, Object message) {
        var request = ref == null ? null : requests.get(ref);
        if (request != null) {
            request.complete(message);
        }
    }

    private void refused(ServerMessage.Error error) {
        var request = requests.get(error.ref());
        if (request != null) {
            request.completeExceptionally(new IllegalStateException(error.code() + ": " + error.message()));
            return;
        }
        LOG.warn("notes of '{}': {} refused: {} {}", room, error.ref(), error.code(), error.message());
        if (ErrorCode.NOTES_TOO_LARGE.wire().equals(error.code())) {
            synchronized (this) {
                // The server does not have that edit, and later ones may build on it: start again from its copy.
                if (doc != null) {
                    doc.free();
                    doc = null;
                }
                unsent.clear();
            }
            sendOpen();
        } else if (error.ref().startsWith("notes-update") && (ErrorCode.BAD_REQUEST.wire().equals(error.code())
                || ErrorCode.RATE_LIMITED.wire().equals(error.code()))) {
            // The server kept none of that update (and later ones build on it): open again, merge
            // its copy, and send everything it lacks.
            sendOpen();
        } else if (error.ref().startsWith("notes-open") && ErrorCode.RATE_LIMITED.wire().equals(error.code())) {
            long wait = error.retryAfterMs() == null ? 1000 : Math.max(100, error.retryAfterMs());
            flusher.schedule(this::sendOpen, wait, TimeUnit.MILLISECONDS);
        } else if (ErrorCode.NOT_IN_ROOM.wire().equals(error.code())) {
            shut(ErrorCode.NOT_IN_ROOM.wire());
        }
    }

    private void shut(String reason) {
        synchronized (this) {
            open = false;
            others.clear();
        }
        listener.closed(reason);
    }

    private synchronized void statePart(NotesEvent.State state) {
        if (!state.ref().equals(openRef) || state.part() != stateParts.size() || state.parts() > 1024) {
            return;
        }
        stateParts.add(state.data());
        if (stateParts.size() < state.parts()) {
            return;
        }
        var whole = new ByteArrayOutputStream();
        stateParts.forEach(whole::writeBytes);
        stateParts.clear();
        Document server = Document.load(whole.toByteArray());
        try {
            if (doc == null) {
                doc = server.fork();
                text = doc.get(ObjectId.ROOT, "text").filter(AmValue.Text.class::isInstance)
                        .map(v -> ((AmValue.Text) v).getId())
                        .orElseThrow(() -> new IllegalStateException("the server's notes have no text"));
                mirror = doc.text(text).orElse("");
                unsent.clear();
                listener.reset(mirror);
            } else {
                PatchLog log = new PatchLog();
                doc.merge(server, log);
                applied(doc.makePatches(log));
                log.free();
                // Everything the server lacks: edits made offline, and any lost in the drop.
                unsent.clear();
                unsent.addAll(NotesChanges.split(doc.encodeChangesSince(server.getHeads()), Limits.MAX_NOTES_UPDATE_BYTES));
            }
        } finally {
            server.free();
        }
        open = true;
        cursorDirty = myCursor != null;
    }

    private synchronized void remote(byte[] changes) {
        if (doc == null) {
            return;
        }
        PatchLog log = new PatchLog();
        doc.applyEncodedChanges(changes, log);
        applied(doc.makePatches(log));
        log.free();
    }

    /** Turns Automerge's patches (code points) into edits of the mirror (chars) and tells the listener. */
    private void applied(List<Patch> patches) {
        List<TextEdit> edits = new ArrayList<>();
        for (Patch patch : patches) {
            if (!patch.getObj().equals(text)) {
                continue;
            }
            switch (patch.getAction()) {
                case PatchAction.SpliceText splice -> {
                    int at = mirror.offsetByCodePoints(0, (int) splice.getIndex());
                    mirror = mirror.substring(0, at) + splice.getText() + mirror.substring(at);
                    edits.add(new TextEdit(at, 0, splice.getText()));
                }
                case PatchAction.DeleteList delete -> {
                    int at = mirror.offsetByCodePoints(0, (int) delete.getIndex());
                    int end = mirror.offsetByCodePoints(at, (int) delete.getLength());
                    mirror = mirror.substring(0, at) + mirror.substring(end);
                    edits.add(new TextEdit(at, end - at, ""));
                }
                default -> LOG.debug("notes of '{}': patch {} ignored", room, patch.getAction());
            }
        }
        if (!edits.isEmpty()) {
            listener.changed(edits);
            listener.cursors(cursors());
        }
    }

    private String cursorAt(int index) {
        int clamped = Math.max(0, Math.min(index, mirror.length()));
        long cp = mirror.codePointCount(0, clamped);
        return cp >= doc.length(text) ? END : doc.makeCursor(text, cp).toString();
    }

    private Optional<Integer> position(String cursor) {
        if (END.equals(cursor)) {
            return Optional.of(mirror.length());
        }
        try {
            long cp = doc.lookupCursorIndex(text, Cursor.fromString(cursor));
            return Optional.of(mirror.offsetByCodePoints(0, (int) Math.min(cp, mirror.codePointCount(0, mirror.length()))));
        } catch (RuntimeException e) {
            return Optional.empty(); // made by an edit not here yet
        }
    }
}
