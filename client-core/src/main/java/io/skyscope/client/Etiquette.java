package io.skyscope.client;

import io.skyscope.protocol.ChatCommand;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.EtiquetteCommand;
import io.skyscope.protocol.EtiquetteEvent;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.time.Duration;
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
 */
public final class Etiquette {
    private final Session session;

    Etiquette(Session session) {
        this.session = session;
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
     * Where a waver stands now, for "walk to them": their live position if they are in my world,
     * else where they waved from.
     */
    public double[] whereIs(EtiquetteEvent.Wave wave) {
        Person p = session.snapshot().person(wave.fromUserId());
        return p != null ? new double[] {p.x(), p.y()} : new double[] {wave.x(), wave.y()};
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

    private String request(String prefix, Function<String, ClientMessage> message) {
        String ref = session.nextRef(prefix);
        return session.send(message.apply(ref)) ? ref : null;
    }
}
