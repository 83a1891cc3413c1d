package io.skyscope.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link VideoRooms} knows of each mixed meeting room's VideoRoom: its ids and secrets, its
 * members, their publisher and subscriber handles and the feeds they are subscribed to. Mutable:
 * the {@code media-video} thread alone touches it.
 */
final class VideoRoomState {
    private VideoRoomState() {
    }

    /** A meeting room's VideoRoom, known by its AudioBridge room's id (the id its members know). */
    static final class Room {
        final String spaceId;
        final String name;
        final long audioRoom;
        final long id = StageRooms.randomId();
        final String secret = StageRooms.randomToken();
        /** The one join token the room admits: the server's own. */
        final String token = StageRooms.randomToken();
        final Map<String, Member> members = new LinkedHashMap<>();

        Room(String spaceId, String name, long audioRoom) {
            this.spaceId = spaceId;
            this.name = name;
            this.audioRoom = audioRoom;
        }
    }

    /** Someone in a room's mix, and the handles the server holds for them (0: none). */
    static final class Member {
        final String userId;
        long publisher;
        /** The publisher id the server chose for them, new with each publish. */
        long feed;
        /** Their offer's video sections, and what each carries ({@code camera}, {@code screen}). */
        List<String> mids = List.of();
        List<String> kinds = List.of();
        /** Their publisher's connection is up: others can subscribe to it. */
        boolean live;
        long subscriber;
        /** An offer was sent to them and not answered yet: the one answer the server takes. */
        boolean offerPending;
        /** Fresh subscriptions made for them after one hung up. */
        int resubscribes;
        /** Their subscriber joined the room (Janus made it an offer). */
        boolean joined;
        /** The publishers' sections their subscriber has. */
        final Set<VideoRoom.Stream> subscribed = new HashSet<>();

        Member(String userId) {
            this.userId = userId;
        }
    }

    /** A handle the server attached for {@code member}: their publisher or their subscriber. */
    record Handle(Room room, Member member, boolean publisher) {
    }

    /**
     * The {@code a=mid} of each media section of a publisher's offer, which must be exactly
     * {@code count} video sections and nothing else (no audio, no data channel).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static List<String> videoMids(String sdp, int count) {
        List<String> mids = new ArrayList<>();
        boolean inMedia = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (!line.startsWith("m=video ")) {
                    throw new IllegalArgumentException("'sdp' may offer video only, not '" + line.split(" ")[0] + "'");
                }
                inMedia = true;
                mids.add(null);
            } else if (inMedia && line.startsWith("a=mid:")) {
                String mid = line.substring("a=mid:".length()).trim();
                if (!mid.matches("[A-Za-z0-9_-]{1,16}") || mids.contains(mid)) {
                    throw new IllegalArgumentException("'sdp' has a bad or repeated mid '" + mid + "'");
                }
                mids.set(mids.size() - 1, mid);
            }
        }
        if (mids.size() != count) {
            throw new IllegalArgumentException("'sdp' must offer " + count + " video section" + (count == 1 ? "" : "s")
                    + " (one per entry of 'kinds'), not " + mids.size());
        }
        if (mids.contains(null)) {
            throw new IllegalArgumentException("'sdp' has a video section without a mid");
        }
        return List.copyOf(mids);
    }

    /** Whose picture each of a subscription's sections carries: the server's own record of feeds, never Janus's display. */
    static List<ServerMessage.MediaVideoOffer.Stream> roster(Room room, JsonNode streams) {
        List<ServerMessage.MediaVideoOffer.Stream> out = new ArrayList<>();
        for (JsonNode s : streams) {
            if (!"video".equals(s.path("type").asText()) || !s.has("feed_id")) {
                continue;
            }
            long feed = s.path("feed_id").asLong();
            for (Member m : room.members.values()) {
                int kind = m.mids.indexOf(s.path("feed_mid").asText());
                if (m.feed == feed && m.publisher != 0 && kind >= 0) {
                    out.add(new ServerMessage.MediaVideoOffer.Stream(s.path("mid").asText(), m.userId,
                            m.kinds.get(kind)));
                }
            }
        }
        return out;
    }
}
