package io.skyscope.server.desks;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;

import io.skyscope.client.Connection;
import io.skyscope.map.MapDesk;
import io.skyscope.map.TiledMap;
import io.skyscope.map.TiledMapParser;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.DeskCommand;
import io.skyscope.protocol.DeskEvent;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.awaitility.Awaitility;

/** What the desk tests share: the default office's desks, and requests over a raw connection. */
public final class DeskProbe {
    static final TiledMap OFFICE = office();

    private DeskProbe() {
    }

    public static MapDesk desk(String name) {
        return OFFICE.desk(name).orElseThrow();
    }

    /** Sends a request and waits for its answer: null for an ack, else the error. */
    static ServerMessage.Error request(Connection c, ClientMessage message) {
        c.send(message);
        ServerMessage reply = c.await(ServerMessage.class, r -> r instanceof ServerMessage.Ack ack
                && message.ref().equals(ack.ref()) || r instanceof ServerMessage.Error e && message.ref().equals(e.ref()),
                TIMEOUT);
        return reply instanceof ServerMessage.Error e ? e : null;
    }

    /** The error code a refused request gets (fails if it was acknowledged). */
    static String refusal(Connection c, ClientMessage message) {
        ServerMessage.Error error = request(c, message);
        if (error == null) {
            throw new AssertionError(message + " was acknowledged, not refused");
        }
        return error.code();
    }

    /**
     * Closes the user's connection and waits until the observer saw them leave the space. First
     * waits until the observer has seen them at all: someone who joins and leaves within one tick
     * is never announced.
     */
    static void leave(Connection c, Connection observer, AuthResponse user) {
        Awaitility.await().atMost(TIMEOUT).until(() -> observer.world().snapshot().people().containsKey(user.userId()));
        c.close();
        observer.await(ServerMessage.PresenceUpdate.class, p -> p.left().contains(user.userId()), TIMEOUT);
    }

    static DeskEvent.Desks list(Connection c, String ref) {
        c.send(new DeskCommand.ListDesks(ref));
        return c.await(DeskEvent.Desks.class, d -> ref.equals(d.ref()), TIMEOUT);
    }

    private static TiledMap office() {
        try (InputStream in = DeskProbe.class.getResourceAsStream("/maps/default-office.tmj")) {
            return TiledMapParser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
