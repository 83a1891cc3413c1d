package io.skyscope.client;

import io.skyscope.map.MapDesk;
import io.skyscope.map.TiledMap;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Desks for a {@link Session}: who holds which desk of the space's map, my desk and the notes left
 * on it while I was away, and my "go to my desk" setting. After every join the session asks the
 * server for the desks ({@code desk.list}), and keeps {@link #state()} current from the {@code
 * desk.changed} messages that follow ({@link #onChange} tells of each change). Commands go out now if online and return the {@code ref}
 * they carry ({@link #awaitReply} waits for the server's answer), or null while offline. Thread-safe:
 * the state is an immutable snapshot replaced on the receive thread.
 */
public final class Desks {
    private final Session session;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.EMPTY;

    /**
     * What I know of the space's desks: {@code holders} (one per held desk, by desk name; desks of
     * the map that are not listed are free), the desk I hold ({@code mine}, null if none), the
     * unread notes on it (oldest first), my {@code goToDesk} setting, and whether the server's list
     * has arrived since the last join ({@code loaded}).
     */
    public record State(List<DeskEvent.Holder> holders, String mine, List<DeskEvent.Note> notes, boolean goToDesk,
                        boolean loaded) {
        static final State EMPTY = new State(List.of(), null, List.of(), false, false);

        public State {
            holders = List.copyOf(holders);
            notes = List.copyOf(notes);
        }

        /** Who holds the desk called {@code desk}; empty if it is free (or unknown). */
        public Optional<DeskEvent.Holder> holderOf(String desk) {
            return holders.stream().filter(h -> h.desk().equals(desk)).findFirst();
        }
    }

    Desks(Session session) {
        this.session = session;
        session.onLink(link -> {
            if (link.isOnline()) {
                update(s -> new State(s.holders(), s.mine(), s.notes(), s.goToDesk(), false));
                list();
            }
        });
        session.onMessage(this::received);
    }

    public State state() {
        return state;
    }

    /** Asks for the desks again (the session does after every join); the answer replaces {@link #state()}. */
    public String list() {
        return request("desks", DeskCommand.ListDesks::new);
    }

    /** Makes a free desk mine (one per space). */
    public String claim(String desk) {
        return request("claim", ref -> new DeskCommand.Claim(desk, ref));
    }

    /** Frees my desk, or (owners and admins) anyone's. */
    public String free(String desk) {
        return request("free", ref -> new DeskCommand.Free(desk, ref));
    }

    /** Gives a free desk to a member of the space (owners and admins). */
    public String assign(String desk, String userId) {
        return request("assign", ref -> new DeskCommand.Assign(desk, userId, ref));
    }

    /** Leaves a note on a desk whose holder is away. */
    public String leaveNote(String desk, String text) {
        return request("note", ref -> new DeskCommand.Note(desk, text, ref));
    }

    /**
     * Marks every note on my desk read: the server deletes them, and they leave {@link #state()}.
     * Null if there were none (or I am offline).
     */
    public String markNotesRead() {
        List<String> ids = state.notes().stream().map(DeskEvent.Note::id).toList();
        if (ids.isEmpty()) {
            return null;
        }
        String ref = request("read", r -> new DeskCommand.NotesRead(ids, r));
        if (ref != null) {
            update(s -> new State(s.holders(), s.mine(), s.notes().stream().filter(n -> !ids.contains(n.id())).toList(),
                    s.goToDesk(), s.loaded()));
        }
        return ref;
    }

    /** Start at my desk whenever I enter a space (an account setting, kept by the server). */
    public String setGoToDesk(boolean on) {
        String ref = request("settings", r -> new DeskCommand.Settings(on, r));
        if (ref != null) {
            update(s -> new State(s.holders(), s.mine(), s.notes(), on, s.loaded()));
        }
        return ref;
    }

    /** The desk called {@code desk} on the space's map (its rectangle and seat); empty until the map arrived. */
    public Optional<MapDesk> onMap(String desk) {
        return session.etiquette().map().flatMap(map -> map.desk(desk));
    }

    /** The desks the space's map marks, in file order; empty until the map arrived. */
    public List<MapDesk> mapDesks() {
        return session.etiquette().map().map(TiledMap::desks).orElse(List.of());
    }

    /** Walks me to the seat of the desk called {@code desk}, around walls and locked rooms; as {@link Etiquette#walkTo}. */
    public boolean walkTo(String desk) {
        Optional<MapDesk> found = onMap(desk);
        return found.isPresent() && session.etiquette().walkTo(found.get().seat().x(), found.get().seat().y());
    }

    /**
     * Runs with the new state after every change (a list arrived, a desk changed hands, notes were
     * read, the setting changed), on the thread that made it. Must not block.
     */
    public void onChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<State> listener) {
        listeners.remove(listener);
    }

    /** Waits for the answer to the request sent with {@code ref}: null for an ack, else the error. */
    public ServerMessage.Error awaitReply(String ref, Duration timeout) {
        return session.etiquette().awaitReply(ref, timeout);
    }

    private void received(ServerMessage message) {
        switch (message) {
            case DeskEvent.Desks all -> update(s -> new State(all.desks(), all.mine(), all.notes(), all.goToDesk(), true));
            case DeskEvent.Changed c -> update(s -> changed(s, c, session.userId()));
            default -> { }
        }
    }

    private static State changed(State s, DeskEvent.Changed c, String me) {
        List<DeskEvent.Holder> holders = new ArrayList<>(s.holders());
        holders.removeIf(h -> h.desk().equals(c.desk()));
        if (c.holder() != null) {
            holders.add(c.holder());
            holders.sort(Comparator.comparing(DeskEvent.Holder::desk));
        }
        String mine = s.mine();
        List<DeskEvent.Note> notes = s.notes();
        if (c.desk().equals(mine) && (c.holder() == null || !c.holder().userId().equals(me))) {
            mine = null;
            notes = List.of();
        }
        if (c.holder() != null && c.holder().userId().equals(me)) {
            mine = c.desk();
        }
        return new State(holders, mine, notes, s.goToDesk(), s.loaded());
    }

    private void update(Function<State, State> change) {
        State next;
        synchronized (this) {
            next = change.apply(state);
            state = next;
        }
        listeners.forEach(l -> l.accept(next));
    }

    private String request(String prefix, Function<String, ClientMessage> message) {
        String ref = session.nextRef(prefix);
        return session.send(message.apply(ref)) ? ref : null;
    }
}
