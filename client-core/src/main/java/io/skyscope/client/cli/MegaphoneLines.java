package io.skyscope.client.cli;

import io.skyscope.client.Session;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.Person;
import io.skyscope.protocol.ServerMessage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The megaphone in a CLI script: {@code megaphone on|off} (refused unless I own or administer the
 * space), and a line whenever someone starts or stops speaking to the whole space. {@link #line}
 * runs on the session's receive thread, {@link #megaphone} on the script's.
 */
final class MegaphoneLines {
    private final Session session;
    private final EtiquetteLines replies;
    private final AtomicLong refs = new AtomicLong();

    MegaphoneLines(Session session, EtiquetteLines replies, Consumer<String> log) {
        this.session = session;
        this.replies = replies;
        session.onMessage(message -> {
            if (message instanceof ServerMessage.Megaphone m) {
                log.accept(line(m));
            }
        });
    }

    void megaphone(Command.Megaphone m) throws ScriptRunner.Failure {
        String ref = "megaphone-" + refs.incrementAndGet();
        session.send(m.on() ? new ClientMessage.VoiceCommand.MegaphoneOn(ref) : new ClientMessage.VoiceCommand.MegaphoneOff(ref));
        replies.reply(ref);
    }

    String line(ServerMessage.Megaphone m) {
        Person p = session.snapshot().person(m.userId());
        String who = p == null ? m.userId() : p.displayName();
        return m.on() ? "  megaphone: " + who + " speaks to everyone" : "  megaphone: " + who + " stopped";
    }
}
