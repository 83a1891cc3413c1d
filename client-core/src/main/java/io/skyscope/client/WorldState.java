package io.skyscope.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ChatEvent;
import io.skyscope.protocol.ChatMessage;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the client's {@link World} up to date from server messages. {@link #apply} is called by
 * the connection's receive thread, {@link #mapLoaded} by whoever fetched the map; {@link #snapshot}
 * may be read from any thread; listeners run on the updating thread after each change and must
 * not block.
 */
public final class WorldState {
    private final AtomicReference<World> current = new AtomicReference<>(World.EMPTY);
    private final List<Consumer<World>> listeners = new CopyOnWriteArrayList<>();
    /** Who is present under which number, for binary position frames; kept by {@link #apply}. */
    private final Map<Integer, String> byNumber = new ConcurrentHashMap<>();

    public World snapshot() {
        return current.get();
    }

    public void onChange(Consumer<World> listener) {
        listeners.add(listener);
    }

    /** The person present under {@code number} in binary position frames, or null. */
    public String userIdOf(int number) {
        return byNumber.get(number);
    }

    /** Updates the world with a server message; messages that do not concern it are ignored. */
    public void apply(ServerMessage message) {
        number(message);
        update(before -> switch (message) {
            case ServerMessage.Welcome w -> welcome(before, w);
            case ServerMessage.PresenceUpdate p -> presence(before, p);
            case ServerMessage.Correction c -> corrected(before, c);
            case ServerMessage.Ack a when "leave".equals(a.of()) -> new World(before.me(), null, null, Map.of());
            case ServerMessage.MapChanged c -> mapChanged(before, c);
            case ChatEvent.Message m -> chat(before, m.message());
            case ChatEvent.Updated u -> chat(before, u.message());
            case ChatEvent.Reactions r -> reactions(before, r);
            case EtiquetteEvent.RoomLock l -> roomLock(before, l);
            case EtiquetteEvent.Reaction r -> before.person(r.userId()) == null ? before
                    : before.withReactions(shown(before, r.userId(), r.emoji()));
            default -> before;
        });
    }

    /** Keeps the numbers of the people present: a welcome replaces them, joins and leaves change them. */
    private void number(ServerMessage message) {
        if (message instanceof ServerMessage.Welcome w) {
            byNumber.clear();
            w.people().forEach(p -> byNumber.put(p.number(), p.userId()));
        } else if (message instanceof ServerMessage.PresenceUpdate p) {
            World now = current.get();
            p.left().forEach(userId -> {
                Person gone = now.person(userId);
                if (gone != null) {
                    byNumber.remove(gone.number(), userId);
                }
            });
            p.joined().forEach(person -> byNumber.put(person.number(), person.userId()));
        } else if (message instanceof ServerMessage.Ack a && "leave".equals(a.of())) {
            byNumber.clear();
        }
    }

    /** Records where I walked before the server answers (client-side prediction). */
    public void movedSelf(double x, double y) {
        update(w -> {
            Person me = w.self();
            if (me == null) {
                return w;
            }
            Map<String, Person> people = new HashMap<>(w.people());
            people.put(me.userId(), me.at(x, y));
            return w.withPeople(people);
        });
    }

    /** The map of the current space was fetched; ignored if the space moved on to another version. */
    public void mapLoaded(String mapId, int version, JsonNode map) {
        update(w -> w.space() != null && w.space().mapId().equals(mapId) && w.space().mapVersion() == version
                ? w.withMap(map) : w);
    }


    private void update(java.util.function.UnaryOperator<World> change) {
        World before;
        World after;
        do {
            before = current.get();
            after = change.apply(before);
        } while (after != before && !current.compareAndSet(before, after));
        if (after != before) {
            World published = after;
            listeners.forEach(l -> l.accept(published));
        }
    }

    /** A welcome replaces everyone; the map and chat stay if it is the same space and map. */
    private static World welcome(World before, ServerMessage.Welcome w) {
        Map<String, Person> people = new HashMap<>();
        w.people().forEach(p -> people.put(p.userId(), p));
        people.put(w.you().userId(), w.you());
        boolean sameSpace = before.space() != null && before.space().id().equals(w.space().id());
        boolean sameMap = sameSpace && before.space().mapId().equals(w.space().mapId())
                && before.space().mapVersion() == w.space().mapVersion();
        return new World(w.you().userId(), w.space(), w.rules(), people, sameMap ? before.map() : null,
                sameSpace ? before.chat() : List.of(), Set.copyOf(w.lockedRooms()), Map.of());
    }

    /** The space now shows another map version (to be fetched). */
    private static World mapChanged(World w, ServerMessage.MapChanged changed) {
        return w.space() == null || !w.space().id().equals(changed.spaceId()) ? w
                : new World(w.me(), new ServerMessage.SpaceInfo(w.space().id(), w.space().name(), changed.mapId(),
                        changed.mapVersion()), w.rules(), w.people(), null, w.chat(), w.lockedRooms(), w.reactions());
    }

    /**
     * Others' joins, leaves, moves and changes. A {@code joined} entry for me (the tick after my
     * join) may arrive after I already walked on or was corrected; the welcome and corrections
     * say where I am.
     */
    private static World presence(World w, ServerMessage.PresenceUpdate p) {
        Map<String, Person> people = new HashMap<>(w.people());
        // A joined entry is the join-time state; for me, the welcome and corrections are newer.
        p.joined().forEach(person -> {
            if (!person.userId().equals(w.me()) || !people.containsKey(person.userId())) {
                people.put(person.userId(), person);
            }
        });
        p.left().forEach(people::remove);
        for (var m : p.moved()) {
            people.computeIfPresent(m.userId(), (id, person) -> person.at(m.x(), m.y()));
        }
        for (var c : p.changed()) {
            people.computeIfPresent(c.userId(), (id, person) -> new Person(id, c.displayName(), c.avatar(),
                    person.x(), person.y(), c.status(), c.statusText(), person.number(), c.photo()));
        }
        return w.withPeople(people);
    }

    private static World corrected(World w, ServerMessage.Correction c) {
        Person me = w.self();
        if (me == null) {
            return w;
        }
        Map<String, Person> people = new HashMap<>(w.people());
        people.put(me.userId(), me.at(c.x(), c.y()));
        return w.withPeople(people);
    }

    /** Adds a message, or replaces it by id (an edit or a delete), keeping the newest ones. */
    private static World chat(World w, ChatMessage message) {
        List<ChatMessage> chat = new ArrayList<>(w.chat());
        boolean replaced = false;
        for (int i = 0; i < chat.size(); i++) {
            if (chat.get(i).id().equals(message.id())) {
                chat.set(i, message);
                replaced = true;
            }
        }
        if (!replaced) {
            chat.add(message);
        }
        if (chat.size() > World.CHAT_KEPT) {
            chat = chat.subList(chat.size() - World.CHAT_KEPT, chat.size());
        }
        return w.withChat(chat);
    }

    /** New reactions on a message I hold: its copy gets the whole new set. */
    private static World reactions(World w, ChatEvent.Reactions r) {
        List<ChatMessage> chat = new ArrayList<>(w.chat());
        boolean changed = false;
        for (int i = 0; i < chat.size(); i++) {
            ChatMessage m = chat.get(i);
            if (m.id().equals(r.messageId())) {
                chat.set(i, new ChatMessage(m.id(), m.spaceId(), m.channel(), m.senderId(), m.senderName(), m.text(),
                        m.sentAt(), m.replyTo(), m.mentions(), m.editedAt(), m.deleted(), r.reactions()));
                changed = true;
            }
        }
        return changed ? w.withChat(chat) : w;
    }

    private static World roomLock(World w, EtiquetteEvent.RoomLock l) {
        if (w.isLocked(l.room()) == l.locked()) {
            return w;
        }
        Set<String> rooms = new HashSet<>(w.lockedRooms());
        if (l.locked()) {
            rooms.add(l.room());
        } else {
            rooms.remove(l.room());
        }
        return w.withLockedRooms(rooms);
    }

    /** The reactions shown, with {@code userId}'s new one and without those no longer shown. */
    private static Map<String, World.AvatarReaction> shown(World w, String userId, String emoji) {
        long now = System.currentTimeMillis();
        Map<String, World.AvatarReaction> shown = new HashMap<>(w.reactions());
        shown.values().removeIf(r -> !r.showing(now));
        shown.put(userId, new World.AvatarReaction(emoji, now));
        return shown;
    }
}
