package io.skyscope.client.cli;

import io.skyscope.protocol.ServerMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Prints each room on the media server the server sends me to or takes me out of (a stage's, or a
 * meeting room's of more people than its mesh size), and names my link to it in {@code who}.
 * {@link #on} runs on the connection's receive thread, {@link #name} on the script's.
 */
final class MediaLines {
    private final Consumer<String> log;
    /** My media links' peer ids ({@code media:<room>}) to what they carry. */
    private final Map<String, String> rooms = new ConcurrentHashMap<>();

    MediaLines(Consumer<String> log) {
        this.log = log;
    }

    void on(ServerMessage message) {
        if (message instanceof ServerMessage.MediaJoin j) {
            String what = what(j.stage(), j.meetingRoom());
            rooms.put("media:" + j.room(), what);
            log.accept("  media server: in the mix of " + what + (j.speaker() ? ", heard" : ", listening"));
        } else if (message instanceof ServerMessage.MediaLeave l) {
            rooms.remove("media:" + l.room());
            log.accept("  media server: out of the mix of " + what(l.stage(), l.meetingRoom()) + " (" + l.reason() + ")");
        }
    }

    /** What a peer id names: a media room I am in, or the id itself. */
    String name(String peerId) {
        String room = rooms.get(peerId);
        return room != null ? room : peerId.startsWith("media:") ? "a media room" : peerId;
    }

    /** A media room's place: a stage, a meeting room, or (neither named) the space's megaphone. */
    static String what(String stage, String meetingRoom) {
        return stage != null ? "the stage '" + stage + "'"
                : meetingRoom != null ? "the meeting room '" + meetingRoom + "'" : "the megaphone";
    }
}
