package io.skyscope.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.map.AreaKind;
import io.skyscope.map.MapArea;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Json;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Office etiquette for a {@link Session}: lock and unlock meeting rooms, knock and answer knocks,
 * wave, and react (above my avatar, or on a chat message). Each command goes out now if the
 * session is online and returns the {@code ref} it carries (the server's {@code ack} or
 * {@code error} names it; {@link #awaitReply} waits for either), or null while offline: these are
 * moments, not worth sending late. What arrives is on {@link #onEvent}, and what lasts is in the
 * world snapshot ({@link World#lockedRooms()}, {@link World#reactions()}, reactions of
 * {@link World#chat()} messages). Thread-safe like the session.
 *
 * <p>Walking: {@link #terrain()} is the map with the meeting rooms locked to me as walls (those I
 * am neither inside nor let into by a knock's answer), and {@link #walkTo} walks its paths, e.g.
 * to someone who waved ("walk to them").
 */
public final class Etiquette {
    private final Session session;
    /** Meeting rooms I was let into, by name: until when the pass holds (this machine's clock, millis). */
    private final Map<String, Long> passes = new ConcurrentHashMap<>();
    /** The map last parsed for {@link #terrain()}, with the snapshot's JSON it came from. */
    private volatile ParsedMap parsed;

    private record ParsedMap(JsonNode json, TiledMap map) {
    }

    Etiquette(Session session) {
        this.session = session;
        session.onMessage(m -> {
            if (m instanceof EtiquetteEvent.KnockAnswered a && a.admitted() && a.room() != null
                    && a.knockerId().equals(session.userId())) {
                passes.put(a.room(), System.currentTimeMillis() + a.passSeconds() * 1000L);
            }
        });
    }

    /** Locks a meeting room (by its name on the map): I must be inside, or an owner or admin. */
    public String lock(String room) {
        return request("lock", ref -> new EtiquetteCommand.Lock(room, ref));
    }

    public String unlock(String room) {
        return request("unlock", ref -> new EtiquetteCommand.Unlock(room, ref));
    }

    /** Knocks on a locked meeting room I am outside of. */
    public String knockOnRoom(String room) {
        return request("knock", ref -> new EtiquetteCommand.Knock(room, null, ref));
    }

    /** Knocks at someone in do-not-disturb I stand beside. */
    public String knockAt(String userId) {
        return request("knock", ref -> new EtiquetteCommand.Knock(null, userId, ref));
    }

    /** Lets in ({@code admit}) or declines the knock of {@code knockerId}. */
    public String answer(String knockerId, boolean admit) {
        return request("answer", ref -> new EtiquetteCommand.KnockAnswer(knockerId, admit, ref));
    }

    /** Waves at someone anywhere in the space. */
    public String wave(String userId) {
        return request("wave", ref -> new EtiquetteCommand.Wave(userId, ref));
    }

    /** Shows a reaction ({@link io.skyscope.protocol.Reactions} short code) above my avatar. */
    public String react(String emoji) {
        return request("react", ref -> new EtiquetteCommand.React(emoji, ref));
    }

    /** Adds my reaction to a chat message, or takes it back ({@code remove}). */
    public String reactToMessage(String messageId, String emoji, boolean remove) {
        return request("chat-react", ref -> new ChatCommand.React(messageId, emoji, remove, ref));
    }

    /**
     * Where I may walk now: the map's walls, and as walls too the locked meeting rooms I am not
     * inside and hold no pass for (a let-in's pass is spent once I am inside). Empty until the
     * space's map has arrived.
     */
    public Optional<GridTerrain> terrain() {
        World w = session.snapshot();
        Person me = w.self();
        TiledMap map = map(w.map());
        if (me == null || map == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        passes.values().removeIf(until -> until < now);
        List<MapArea> closed = new ArrayList<>();
        for (MapArea area : map.areas()) {
            if (area.kind() != AreaKind.MEETING_ROOM || !w.isLocked(area.name())) {
                continue;
            }
            if (area.contains(me.x(), me.y())) {
                passes.remove(area.name());
            } else if (!passes.containsKey(area.name())) {
                closed.add(area);
            }
        }
        return Optional.of(new GridTerrain(map.collision().blocking(closed)));
    }

    /**
     * The name of the meeting room that (x, y) lies in, if any, from the space's map; empty too
     * until the map has arrived. A link's reason says why it was made, and stays "proximity" when
     * two people who already talk walk into a room together; where they stand says where they are.
     */
    public Optional<String> meetingRoomAt(double x, double y) {
        TiledMap map = map(session.snapshot().map());
        if (map == null) {
            return Optional.empty();
        }
        for (MapArea area : map.areas()) {
            if (area.kind() == AreaKind.MEETING_ROOM && area.contains(x, y)) {
                return Optional.of(area.name());
            }
        }
        return Optional.empty();
    }

    /**
     * Walks me to (x, y) around walls and the rooms locked to me ({@link #terrain()}), on the
     * calling thread; true once there (or at the nearest open spot when (x, y) itself is closed),
     * false if there is no way, the map has not arrived, or the server stopped me.
     */
    public boolean walkTo(double x, double y) {
        Optional<GridTerrain> terrain = terrain();
        return terrain.isPresent() && Walker.walk(session, terrain.get(), x, y);
    }

    /**
     * "Walk to them": to where the waver stood when they waved, like {@link #walkTo(double, double)}.
     * The wave's position is fresher than theirs in my world, which for someone far away can lag
     * by a few hundred milliseconds (the server sends far people's moves less often).
     */
    public boolean walkTo(EtiquetteEvent.Wave wave) {
        return walkTo(wave.x(), wave.y());
    }

    /**
     * Runs for every etiquette message (lock changes, knocks, answers, waves, reactions), on the
     * receive thread, across reconnects. Must not block.
     */
    public Consumer<ServerMessage> onEvent(Consumer<EtiquetteEvent> listener) {
        Consumer<ServerMessage> filter = m -> {
            if (m instanceof EtiquetteEvent e) {
                listener.accept(e);
            }
        };
        session.onMessage(filter);
        return filter;
    }

    /** Waits for the answer to the request sent with {@code ref}: null for an ack, else the error. */
    public ServerMessage.Error awaitReply(String ref, Duration timeout) {
        ServerMessage reply = session.await(ServerMessage.class, m -> m instanceof ServerMessage.Ack a
                && ref.equals(a.ref()) || m instanceof ServerMessage.Error e && ref.equals(e.ref()), timeout);
        return reply instanceof ServerMessage.Error e ? e : null;
    }

    /** The space's map, parsed once per version; empty until it has arrived. */
    public Optional<TiledMap> map() {
        return Optional.ofNullable(map(session.snapshot().map()));
    }

    private TiledMap map(JsonNode json) {
        if (json == null) {
            return null;
        }
        ParsedMap last = parsed;
        if (last != null && last.json() == json) {
            return last.map();
        }
        try {
            TiledMap map = TiledMapParser.parse(Json.strict().writeValueAsBytes(json));
            parsed = new ParsedMap(json, map);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the space's map cannot be written back as JSON", e);
        }
    }

    private String request(String prefix, Function<String, ClientMessage> message) {
        String ref = session.nextRef(prefix);
        return session.send(message.apply(ref)) ? ref : null;
    }
}
