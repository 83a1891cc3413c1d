package io.skyscope.server.notes;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.NotesCommand;
import io.skyscope.protocol.NotesEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.chat.ChatRateLimiter;
import io.skyscope.server.chat.ChatRecipients;
import io.skyscope.server.store.Notes;
import io.skyscope.server.store.Users;
import io.skyscope.server.ws.ClientSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meeting rooms' shared notes: who may read and write them (whoever stands in the room right
 * now, asked of the space's owner), the documents open on this node, their readers, the stored
 * copies and saved versions.
 *
 * <p>Costs an attacker could run up, and what bounds them: updates and cursors per person (token
 * buckets, on top of the connection's frame limit); opens per person (each sends the whole
 * document); an update's size ({@link
 * Limits#MAX_NOTES_UPDATE_BYTES}); a document's text and history ({@link RoomNotes}); one owner
 * question per update (the sender must still be in the room); a store write per room at most once
 * a {@code flushEvery}; versions per room ({@link Limits#MAX_NOTES_VERSIONS}).
 *
 * <p>Threads: the command methods run on session threads; a {@code notes-flush} thread saves
 * changed documents, saves versions after a stretch of editing, drops readers who walked out of
 * the room or went away, and unloads rooms nobody has open (saving a version then). Each room has
 * its own lock; the map of rooms is concurrent. On several nodes each node holds the documents of
 * the readers it serves, and the nodes exchange what they merge over the bus ({@link NotesRelay}):
 * see docs/architecture.md.
 */
public final class NotesService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotesService.class);

    private final Notes store;
    private final NotesRelay relay;
    private final Users users;
    private final ChatRecipients where;
    private final ChatRateLimiter updates;
    private final ChatRateLimiter cursors;
    private final ChatRateLimiter opens;
    private final Clock clock;
    private final Duration versionEvery;
    private final Map<String, RoomNotes> rooms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("notes-flush").daemon().factory());

    /** @param versionEvery how long a stretch of editing runs before its text is saved as a version */
    public NotesService(Notes store, EventBus bus, Users users, ChatRecipients where, Clock clock,
                        Duration versionEvery) {
        this.store = store;
        this.relay = new NotesRelay(bus);
        this.users = users;
        this.where = where;
        this.updates = new ChatRateLimiter(20, 60);
        this.cursors = new ChatRateLimiter(15, 30);
        // Each open sends the whole document (up to 2 MiB) and costs a save.
        this.opens = new ChatRateLimiter(2, 10);
        this.clock = clock;
        this.versionEvery = versionEvery;
    }

    public NotesService start(Duration flushEvery) {
        flusher.scheduleWithFixedDelay(this::flush, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public void handle(ClientSession session, NotesCommand command) {
        switch (command) {
            case NotesCommand.Open open -> open(session, open);
            case NotesCommand.Update update -> update(session, update);
            case NotesCommand.Cursor cursor -> {
                cursors.acquire(session.userId());
                reading(session, cursor.room()).cursor(session, cursor.anchor(), cursor.head());
            }
            case NotesCommand.Close close -> {
                RoomNotes room = rooms.get(RoomNotes.key(spaceOf(session), close.room()));
                if (room != null) {
                    room.remove(session.id(), null);
                }
                session.send(new ServerMessage.Ack(close.ref(), "notes.close"));
            }
            case NotesCommand.Versions list -> {
                inRoom(session, list.room());
                session.send(new NotesEvent.Versions(list.ref(), list.room(),
                        store.versions(spaceOf(session), list.room()).stream()
                                .map(v -> new NotesEvent.Version(v.id(), v.savedAt(),
                                        v.text().codePointCount(0, v.text().length()), v.editors()))
                                .toList()));
            }
            case NotesCommand.Restore restore -> restore(session, restore);
        }
    }

    private void open(ClientSession session, NotesCommand.Open open) {
        String spaceId = spaceOf(session);
        opens.acquire(session.userId());
        inRoom(session, open.room());
        String name = users.findById(session.userId()).map(Users.User::displayName).orElse(session.userId());
        while (true) {
            RoomNotes room = rooms.computeIfAbsent(RoomNotes.key(spaceId, open.room()),
                    k -> RoomNotes.load(spaceId, open.room(), store, relay, clock));
            if (room.add(session, name, open.ref())) {
                return;
            }
            rooms.remove(room.key(), room); // unloaded meanwhile: take a fresh one
        }
    }

    private void update(ClientSession session, NotesCommand.Update update) {
        updates.acquire(session.userId());
        RoomNotes room = reading(session, update.room());
        List<String> present = where.inMeetingRoom(room.spaceId(), room.room());
        if (!present.contains(session.userId())) {
            room.remove(session.id(), "left_room");
            throw notInRoom(room.room());
        }
        room.merge(session, update.changes(), present);
    }

    private void restore(ClientSession session, NotesCommand.Restore restore) {
        String spaceId = spaceOf(session);
        inRoom(session, restore.room());
        Notes.Version version = store.version(spaceId, restore.room(), restore.versionId())
                .orElseThrow(() -> Refused.notFound("no version " + restore.versionId() + " of these notes"));
        RoomNotes room = reading(session, restore.room());
        room.restore(version, users.findById(session.userId()).map(Users.User::displayName).orElse(session.userId()));
        session.send(new ServerMessage.Ack(restore.ref(), "notes.restore"));
    }

    /** The room's notes as opened by this session; refused if it has not opened them. */
    private RoomNotes reading(ClientSession session, String roomName) {
        RoomNotes room = rooms.get(RoomNotes.key(spaceOf(session), roomName));
        if (room == null || !room.reads(session.id())) {
            throw new Refused(ErrorCode.NOT_IN_ROOM, "open the notes of '" + roomName + "' first", "room", null);
        }
        return room;
    }

    private void inRoom(ClientSession session, String roomName) {
        if (!where.inMeetingRoom(spaceOf(session), roomName).contains(session.userId())) {
            throw notInRoom(roomName);
        }
    }

    private static Refused notInRoom(String roomName) {
        return new Refused(ErrorCode.NOT_IN_ROOM, "you are not in the meeting room '" + roomName + "'", "room", null);
    }

    private static String spaceOf(ClientSession session) {
        String spaceId = session.spaceId();
        if (spaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first");
        }
        return spaceId;
    }

    /** On the flush thread: saves, versions, drops readers who left, unloads rooms nobody reads. */
    private void flush() {
        for (RoomNotes room : rooms.values()) {
            try {
                List<String> present = where.inMeetingRoom(room.spaceId(), room.room());
                if (room.sweep(present, versionEvery)) {
                    rooms.remove(room.key(), room);
                }
            } catch (RuntimeException e) {
                LOG.warn("space {}: notes of room '{}' not saved: {}", room.spaceId(), room.room(), e.toString());
            }
        }
    }

    /** Saves every document and version due and frees them; no more commands after this. */
    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RoomNotes room : rooms.values()) {
            try {
                room.unload();
            } catch (RuntimeException e) {
                LOG.warn("space {}: notes of room '{}' not saved at stop: {}", room.spaceId(), room.room(), e.toString());
            }
        }
        rooms.clear();
    }
}
