package io.skyscope.server.desks;

import io.skyscope.map.MapDesk;
import io.skyscope.map.Point;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.Limits;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.Refused;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.chat.ChatRateLimiter;
import io.skyscope.server.chat.ChatRecipients;
import io.skyscope.server.limits.RateLimit;
import io.skyscope.server.space.MapCatalog;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.space.SpaceVoiceSettings;
import io.skyscope.server.store.Desks;
import io.skyscope.server.store.Memberships;
import io.skyscope.server.store.Spaces;
import io.skyscope.server.store.Users;
import io.skyscope.server.ws.ClientSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desks: who may claim, free and assign the desks a space's map marks, notes left on a desk while
 * its holder is away, and where someone who starts at their desk is placed. Desks live in the store
 * ({@link Desks}), so they outlast the space's owner and a restart, and every node answers for
 * them alike; a change goes to everyone present (asked of the space's owner) on their bus topics.
 *
 * <p>Who may: only members of the space (owner, admin, member; any other role, such as a guest's,
 * is refused) claim a desk or leave a note; owners, admins and server admins assign and free any
 * desk. What an attacker could run up, and what bounds it: one desk per person per space (a
 * unique index), desk changes per person ({@value #CHANGES_PER_HOUR} an hour: each is a message
 * to everyone present), lists per person (a burst of 10, one a second after: each reads the
 * space's desks), notes per sender ({@value #NOTES_PER_HOUR} an hour), unread notes per desk
 * ({@link Limits#MAX_DESK_NOTES}, enforced by the store's update) and per sender on one desk
 * ({@link Limits#MAX_DESK_NOTES_PER_SENDER}), a note's length ({@link Limits#MAX_DESK_NOTE_TEXT});
 * a desk name must be one the map marks, so nothing is stored for a made-up one.
 *
 * <p>Threads: called on session threads; stateless apart from the rate limiters (thread-safe).
 */
public final class DeskService {
    private static final Logger LOG = LoggerFactory.getLogger(DeskService.class);
    static final int CHANGES_PER_HOUR = 60;
    static final int NOTES_PER_HOUR = 20;
    private static final Set<String> MEMBER_ROLES = Set.of(Memberships.OWNER, Memberships.ADMIN, Memberships.MEMBER);

    private final Desks desks;
    private final Users users;
    private final Spaces spaces;
    private final MapCatalog maps;
    private final SpaceService spaceService;
    private final SpaceVoiceSettings managers;
    private final ChatRecipients present;
    private final EventBus bus;
    private final Clock clock;
    private final RateLimit changes = new RateLimit("desk changes", CHANGES_PER_HOUR);
    private final RateLimit notes = new RateLimit("desk notes", NOTES_PER_HOUR);
    private final ChatRateLimiter lists = new ChatRateLimiter(1, 10);
    private final ChatRateLimiter settings = new ChatRateLimiter(1, 5);

    public DeskService(Desks desks, Users users, Spaces spaces, MapCatalog maps, SpaceService spaceService,
                       SpaceVoiceSettings managers, ChatRecipients present, EventBus bus, Clock clock) {
        this.desks = desks;
        this.users = users;
        this.spaces = spaces;
        this.maps = maps;
        this.spaceService = spaceService;
        this.managers = managers;
        this.present = present;
        this.bus = bus;
        this.clock = clock;
    }

    public void handle(ClientSession session, DeskCommand command) {
        String userId = session.userId();
        switch (command) {
            case DeskCommand.Settings set -> {
                settings.acquire(userId);
                desks.setGoToDesk(userId, set.goToDesk());
                session.send(new ServerMessage.Ack(set.ref(), "desk.settings"));
            }
            case DeskCommand.ListDesks list -> {
                lists.acquire(userId);
                session.send(list(spaceOf(session), userId, list.ref()));
            }
            case DeskCommand.Claim claim -> {
                String spaceId = spaceOf(session);
                requireMember(userId, spaceId);
                desk(spaceId, claim.desk());
                changes.acquire(userId);
                give(spaceId, claim.desk(), userId, userId);
                session.send(new ServerMessage.Ack(claim.ref(), "desk.claim"));
            }
            case DeskCommand.Free free -> {
                String spaceId = spaceOf(session);
                desk(spaceId, free.desk());
                Desks.Held held = desks.find(spaceId, free.desk())
                        .orElseThrow(() -> new Refused(ErrorCode.DESK_FREE, "nobody holds '" + free.desk() + "'"));
                if (!held.holderId().equals(userId) && !managers.mayManage(userId, spaceId)) {
                    throw Refused.forbidden("only its holder, or an owner or admin of the space, can free a desk");
                }
                changes.acquire(userId);
                if (desks.free(spaceId, free.desk(), held.holderId())) {
                    changed(spaceId, free.desk(), null, userId);
                }
                session.send(new ServerMessage.Ack(free.ref(), "desk.free"));
            }
            case DeskCommand.Assign assign -> {
                String spaceId = spaceOf(session);
                if (!managers.mayManage(userId, spaceId)) {
                    throw Refused.forbidden("only an owner or admin of the space can assign desks");
                }
                desk(spaceId, assign.desk());
                if (!isMember(assign.userId(), spaceId)) {
                    throw Refused.notFound("that person is not a member of this space");
                }
                changes.acquire(userId);
                assign(spaceId, assign.desk(), assign.userId(), userId);
                session.send(new ServerMessage.Ack(assign.ref(), "desk.assign"));
            }
            case DeskCommand.Note note -> {
                leaveNote(spaceOf(session), userId, note);
                session.send(new ServerMessage.Ack(note.ref(), "desk.note"));
            }
            case DeskCommand.NotesRead read -> {
                String spaceId = spaceOf(session);
                desks.ofHolder(spaceId, userId).ifPresent(held ->
                        desks.removeNotes(spaceId, held.desk(), userId, read.noteIds()));
                session.send(new ServerMessage.Ack(read.ref(), "desk.notes.read"));
            }
        }
    }

    private static String spaceOf(ClientSession session) {
        String spaceId = session.spaceId();
        if (spaceId == null) {
            throw new Refused(ErrorCode.NOT_IN_SPACE, "join a space first");
        }
        return spaceId;
    }

    /**
     * Where the user starts on entering the space: their desk's seat, if they set {@code goToDesk}
     * and hold a desk the space's map (still) marks. The space's owner checks it like any start.
     */
    public Optional<Point> startFor(String userId, String spaceId) {
        if (!desks.goToDesk(userId)) {
            return Optional.empty();
        }
        return desks.ofHolder(spaceId, userId).flatMap(held -> map(spaceId).desk(held.desk())).map(MapDesk::seat);
    }

    private DeskEvent.Desks list(String spaceId, String userId, String ref) {
        TiledMap map = map(spaceId);
        List<Desks.Held> held = desks.held(spaceId, map.desks().stream().map(MapDesk::name).toList());
        Map<String, Users.User> holders = users.findByIds(held.stream().map(Desks.Held::holderId).toList()).stream()
                .collect(Collectors.toMap(Users.User::id, Function.identity()));
        List<DeskEvent.Holder> out = new ArrayList<>();
        String mine = null;
        List<DeskEvent.Note> waiting = List.of();
        for (Desks.Held h : held) {
            Users.User holder = holders.get(h.holderId());
            if (holder == null) {
                // The account was deleted: its desk is free again.
                if (desks.free(spaceId, h.desk(), h.holderId())) {
                    LOG.info("space {}: desk '{}' freed, its holder {} no longer exists", spaceId, h.desk(), h.holderId());
                }
                continue;
            }
            out.add(holder(h, holder));
            if (h.holderId().equals(userId)) {
                mine = h.desk();
                waiting = h.notes().stream().map(n -> new DeskEvent.Note(n.id(), h.desk(), n.fromId(), n.fromName(),
                        n.text(), n.at())).toList();
            }
        }
        out.sort((a, b) -> a.desk().compareTo(b.desk()));
        return new DeskEvent.Desks(ref, out, mine, waiting, desks.goToDesk(userId));
    }

    private void assign(String spaceId, String desk, String holderId, String by) {
        Optional<Desks.Held> current = desks.find(spaceId, desk);
        if (current.isPresent() && current.get().holderId().equals(holderId)) {
            return;
        }
        Optional<Desks.Held> previous = desks.ofHolder(spaceId, holderId);
        if (current.isEmpty() && previous.isPresent() && desks.free(spaceId, previous.get().desk(), holderId)) {
            changed(spaceId, previous.get().desk(), null, by);
        }
        give(spaceId, desk, holderId, by);
    }

    private void give(String spaceId, String desk, String holderId, String by) {
        switch (desks.claim(spaceId, desk, holderId, by, clock.instant())) {
            case CLAIMED -> {
                Desks.Held held = desks.find(spaceId, desk).orElseThrow();
                Users.User holder = users.findById(holderId).orElseThrow(() -> Refused.notFound("no such account"));
                changed(spaceId, desk, holder(held, holder), by);
            }
            case DESK_TAKEN -> throw Refused.conflict(ErrorCode.DESK_TAKEN, "desk",
                    "'" + desk + "' is someone else's desk");
            case HAS_DESK -> throw Refused.conflict(ErrorCode.HAS_DESK, "desk", (holderId.equals(by) ? "you hold"
                    : "they hold") + " another desk in this space; free it first");
        }
    }

    private void leaveNote(String spaceId, String userId, DeskCommand.Note note) {
        requireMember(userId, spaceId);
        desk(spaceId, note.desk());
        Desks.Held held = desks.find(spaceId, note.desk()).orElseThrow(() -> new Refused(ErrorCode.DESK_FREE,
                "nobody holds '" + note.desk() + "', so nobody would read a note there"));
        if (held.holderId().equals(userId)) {
            throw new Refused(ErrorCode.BAD_REQUEST, "this is your own desk");
        }
        if (held.notes().stream().filter(n -> n.fromId().equals(userId)).count() >= Limits.MAX_DESK_NOTES_PER_SENDER) {
            throw Refused.quotaExceeded("desk", "you have " + Limits.MAX_DESK_NOTES_PER_SENDER
                    + " unread notes on this desk already; wait until they are read");
        }
        if (present.present(spaceId).contains(held.holderId())) {
            throw new Refused(ErrorCode.HOLDER_PRESENT, "the desk's holder is here: say hello or wave instead");
        }
        notes.acquire(userId);
        String name = users.findById(userId).map(Users.User::displayName).orElse(userId);
        if (desks.addNote(spaceId, note.desk(), held.holderId(), userId, name, note.text(), clock.instant(),
                Limits.MAX_DESK_NOTES).isEmpty()) {
            throw Refused.quotaExceeded("desk", "this desk holds " + Limits.MAX_DESK_NOTES
                    + " unread notes (or changed hands meanwhile); try again later");
        }
    }

    private void changed(String spaceId, String desk, DeskEvent.Holder holder, String by) {
        String frame = ProtocolCodec.encode(new DeskEvent.Changed(desk, holder, by));
        for (String userId : present.present(spaceId)) {
            bus.publish(EventBus.Topics.user(userId), frame);
        }
    }

    private static DeskEvent.Holder holder(Desks.Held held, Users.User user) {
        return new DeskEvent.Holder(held.desk(), user.id(), user.displayName(), user.card().photo(), held.since());
    }

    private MapDesk desk(String spaceId, String name) {
        return map(spaceId).desk(name).orElseThrow(() -> new Refused(ErrorCode.UNKNOWN_DESK,
                "the space's map has no desk called '" + name + "'"));
    }

    private TiledMap map(String spaceId) {
        var space = spaces.find(spaceId).orElseThrow(() -> Refused.notFound("no space '" + spaceId + "'"));
        return maps.load(space.mapId(), space.mapVersion());
    }

    private boolean isMember(String userId, String spaceId) {
        return spaceService.role(userId, spaceId).filter(MEMBER_ROLES::contains).isPresent();
    }

    private void requireMember(String userId, String spaceId) {
        if (!isMember(userId, spaceId)) {
            throw Refused.forbidden("only members of the space have desks and leave notes on them");
        }
    }
}
