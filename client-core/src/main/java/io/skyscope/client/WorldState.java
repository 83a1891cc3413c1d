package io.skyscope.client;

import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the client's {@link World} up to date from server messages. {@link #apply} is called by
 * the connection's receive thread; {@link #snapshot} may be read from any thread; listeners run on
 * the receive thread after each change and must not block.
 */
public final class WorldState {
    private final AtomicReference<World> current = new AtomicReference<>(World.EMPTY);
    private final List<Consumer<World>> listeners = new CopyOnWriteArrayList<>();

    public World snapshot() {
        return current.get();
    }

    public void onChange(Consumer<World> listener) {
        listeners.add(listener);
    }

    /** Updates the world with a server message; messages that do not concern it are ignored. */
    public void apply(ServerMessage message) {
        World before = current.get();
        World after = switch (message) {
            case ServerMessage.Welcome w -> welcome(w);
            case ServerMessage.PresenceUpdate p -> presence(before, p);
            case ServerMessage.Correction c -> corrected(before, c);
            case ServerMessage.Ack a when "leave".equals(a.of()) -> new World(before.me(), null, null, Map.of());
            default -> before;
        };
        if (after != before) {
            current.set(after);
            listeners.forEach(l -> l.accept(after));
        }
    }

    /** Records where I walked before the server answers (client-side prediction). */
    public void movedSelf(double x, double y) {
        World w = current.get();
        Person me = w.self();
        if (me != null) {
            Map<String, Person> people = new HashMap<>(w.people());
            people.put(me.userId(), me.at(x, y));
            World after = new World(w.me(), w.space(), w.rules(), people);
            current.set(after);
            listeners.forEach(l -> l.accept(after));
        }
    }

    private static World welcome(ServerMessage.Welcome w) {
        Map<String, Person> people = new HashMap<>();
        w.people().forEach(p -> people.put(p.userId(), p));
        people.put(w.you().userId(), w.you());
        return new World(w.you().userId(), w.space(), w.rules(), people);
    }

    private static World presence(World w, ServerMessage.PresenceUpdate p) {
        Map<String, Person> people = new HashMap<>(w.people());
        p.joined().forEach(person -> people.put(person.userId(), person));
        p.left().forEach(people::remove);
        for (var m : p.moved()) {
            people.computeIfPresent(m.userId(), (id, person) -> person.at(m.x(), m.y()));
        }
        for (var c : p.changed()) {
            people.computeIfPresent(c.userId(), (id, person) -> new Person(id, c.displayName(), c.avatar(),
                    person.x(), person.y(), c.status(), c.statusText()));
        }
        return new World(w.me(), w.space(), w.rules(), people);
    }

    private static World corrected(World w, ServerMessage.Correction c) {
        Person me = w.self();
        if (me == null) {
            return w;
        }
        Map<String, Person> people = new HashMap<>(w.people());
        people.put(me.userId(), me.at(c.x(), c.y()));
        return new World(w.me(), w.space(), w.rules(), people);
    }
}
