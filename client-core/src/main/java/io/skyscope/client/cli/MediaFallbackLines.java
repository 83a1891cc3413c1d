package io.skyscope.client.cli;

import io.skyscope.client.Session;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.MediaReasons;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a CLI script prints when the media server goes down and comes back: a line when the server
 * takes me out of a media room because the media server stopped answering (direct links take over
 * where the stage's limit allows), and one when it sends me back into a room after that. Runs on
 * the session's receive thread.
 */
final class MediaFallbackLines {
    /** The places (stages, meeting rooms, the megaphone) I fell back from, until the server sends me back. */
    private final Set<String> fellBack = ConcurrentHashMap.newKeySet();

    static void attach(Session session, Consumer<String> log) {
        var lines = new MediaFallbackLines();
        session.onMessage(message -> {
            String line = lines.line(message);
            if (line != null) {
                log.accept(line);
            }
        });
    }

    /** The line for a server message, or null for those this prints nothing of. */
    String line(ServerMessage message) {
        return switch (message) {
            case ServerMessage.MediaLeave l when MediaReasons.MEDIA_UNAVAILABLE.equals(l.reason()) -> {
                String place = place(l.stage(), l.meetingRoom());
                fellBack.add(place);
                yield "  media server down: " + place + (l.stage() == null && l.meetingRoom() == null
                        ? " is not heard until it answers again" : " falls back to direct links where they reach");
            }
            case ServerMessage.MediaJoin j when fellBack.remove(place(j.stage(), j.meetingRoom())) ->
                    "  media server back: in the mix of " + place(j.stage(), j.meetingRoom()) + " again";
            default -> null;
        };
    }

    /** A stage's or a meeting room's name in quotes, or the megaphone. */
    private static String place(String stage, String meetingRoom) {
        String name = stage != null ? stage : meetingRoom;
        return name != null ? "'" + name + "'" : "the megaphone";
    }
}
