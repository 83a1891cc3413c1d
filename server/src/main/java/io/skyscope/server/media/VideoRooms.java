package io.skyscope.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.world.SpaceCommand.MediaVideoAction;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video in mixed meeting rooms, through Janus's VideoRoom (an SFU), with every handle the
 * server's own. While a meeting room is mixed, it has a private VideoRoom next to its AudioBridge
 * room, made with the first member and destroyed with the mix. A member who publishes (camera
 * and/or screen: an offer of a video section for each that is on) gets a publisher handle attached
 * here, joined under a random feed id the server chose (shown as their user id); the offer and
 * Janus's answer are
 * relayed over the member's SkyScope connection. Each member has at most one subscriber handle,
 * subscribed here to the video of every other member whose publisher is up; Janus's offers
 * (the first, and each renegotiation as publishers come and go) go to the member with a roster
 * of whose picture each section carries, and their answers come back. A member who leaves the
 * mix (walked out, disconnected, kicked, the room back on direct links) has both handles
 * detached here at once: they stop receiving and sending, and Janus renegotiates everyone
 * else's subscription without their feed. Clients never talk to the VideoRoom: their Janus tokens
 * name the AudioBridge alone, and the rooms admit only a join token this server keeps.
 *
 * <p>Threads: the public methods may be called from any thread (the {@link StageRooms} thread, for
 * the rooms' comings and goings, in the order they happen there; space owners' threads, for
 * members' requests) and only queue work on the one {@code media-video} thread, which alone
 * touches the rooms and makes Janus requests; a second thread, {@code media-video-events},
 * long-polls the session's events and hands them to the first. So a slow Janus delays video and
 * never the AudioBridge's rooms or a space.
 */
final class VideoRooms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoRooms.class);
    private static final long KEEPALIVE_SECONDS = 20;
    /** Janus counts a room's publishers; a meeting room holds at most this many people. */
    static final int PUBLISHERS = VoiceSettings.MAX_ROOM_CAPACITY;
    /** Fresh subscriptions a member gets after theirs hung up, per stay in the room. */
    private static final int RESUBSCRIBES = 5;
    /** Failed event polls in a row before the session is taken for lost. */
    private static final int POLL_ATTEMPTS = 3;

    private final VideoRoom janus;
    private final EventBus bus;
    private final Map<Long, VideoRoomState.Room> rooms = new HashMap<>();
    private final Map<Long, VideoRoomState.Handle> handles = new HashMap<>();
    /** Spaces whose cameras are not seen (their {@code videoPeers} is 0). */
    private final Set<String> camerasOff = new HashSet<>();
    private final MediaThread thread = new MediaThread("media-video");
    private volatile boolean closed;

    VideoRooms(JanusApi api, String adminKey, EventBus bus) {
        this.janus = new VideoRoom(api, adminKey);
        this.bus = bus;
        thread.executor.scheduleWithFixedDelay(() -> thread.guarded("keepalive", janus::keepalive),
                KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code userId} entered the mix of the meeting room {@code name}, whose AudioBridge room is {@code audioRoom}. */
    void entered(String spaceId, String name, long audioRoom, String userId) {
        thread.queue("entering", () -> {
            VideoRoomState.Room room = rooms.get(audioRoom);
            if (room == null) {
                try {
                    room = make(spaceId, name, audioRoom);
                } catch (JanusException e) {
                    // The voice goes on through the mix; the next one in tries again.
                    LOG.warn("space {}: cannot make the video room of '{}': {} ({})", spaceId, name, e.getMessage(),
                            e.code());
                    error(userId, ErrorCode.MEDIA_UNAVAILABLE, "Video in '" + name + "' is not available right now"
                            + " (the media server refused its video room); you still hear everyone.", null);
                    return;
                }
            }
            var member = new VideoRoomState.Member(userId);
            room.members.put(userId, member);
            for (VideoRoomState.Member publisher : room.members.values()) {
                VideoRoomState.Room made = room;
                thread.guarded("subscribing", () -> subscribe(made, member, publisher));
            }
        });
    }

    /** {@code userId} left the mix of {@code audioRoom}: their handles are detached; the last one out ends the room. */
    void left(long audioRoom, String userId) {
        thread.queue("leaving", () -> {
            VideoRoomState.Room room = rooms.get(audioRoom);
            VideoRoomState.Member member = room == null ? null : room.members.remove(userId);
            if (member == null) {
                return;
            }
            unpublish(room, member);
            detach(member.subscriber);
            member.subscriber = 0;
            if (room.members.isEmpty()) {
                rooms.remove(audioRoom);
                thread.guarded("destroy", () -> janus.destroy(room.id, room.secret));
                LOG.info("space {}: video room of '{}' destroyed", room.spaceId, room.name);
            }
        });
    }

    /**
     * Whether cameras are seen in {@code spaceId}'s mixed rooms: turned off, every subscription
     * there drops the camera sections at once (Janus renegotiates); on, they are added again.
     */
    void cameras(String spaceId, boolean on) {
        thread.queue("cameras", () -> {
            if (on ? !camerasOff.remove(spaceId) : !camerasOff.add(spaceId)) {
                return;
            }
            for (VideoRoomState.Room room : rooms.values()) {
                if (!room.spaceId.equals(spaceId)) {
                    continue;
                }
                for (VideoRoomState.Member member : room.members.values()) {
                    if (on) {
                        room.members.values().forEach(publisher ->
                                thread.guarded("subscribing", () -> subscribe(room, member, publisher)));
                    } else {
                        thread.guarded("dropping cameras", () -> dropCameras(room, member));
                    }
                }
            }
        });
    }

    /** Janus is down (or restarted): every room and handle went with it. */
    void lost() {
        thread.queue("forgetting", this::forgetAll);
    }

    private void forgetAll() {
        rooms.clear();
        handles.clear();
        janus.forget();
    }

    /** A member's request: refused unless they are in the mix of {@code audioRoom} in {@code spaceId}. */
    void request(String spaceId, String userId, MediaVideoAction action, long audioRoom, String sdp, List<String> kinds,
                 String ref) {
        thread.queue("a video request", () -> {
            VideoRoomState.Room room = rooms.get(audioRoom);
            VideoRoomState.Member member = room == null || !room.spaceId.equals(spaceId) ? null : room.members.get(userId);
            if (member == null) {
                error(userId, ErrorCode.NOT_IN_ROOM, "You are not in the mix of media room " + audioRoom
                        + ": only the people in a mixed meeting room send and receive its video.", ref);
                return;
            }
            try {
                act(room, member, action, sdp, kinds, ref);
            } catch (JanusException e) {
                LOG.warn("space {}: video room of '{}': {} for {} failed: {} ({})", room.spaceId, room.name, action,
                        userId, e.getMessage(), e.code());
                error(userId, ErrorCode.MEDIA_UNAVAILABLE, "The media server did not take your video request;"
                        + " try again in a moment.", ref);
            }
        });
    }

    private void act(VideoRoomState.Room room, VideoRoomState.Member member, MediaVideoAction action, String sdp,
                     List<String> kinds, String ref) {
        String userId = member.userId;
        long audioRoom = room.audioRoom;
        switch (action) {
            case PUBLISH -> publish(room, member, sdp, kinds, ref);
            case UNPUBLISH -> {
                unpublish(room, member);
                if (ref != null) {
                    send(userId, new ServerMessage.Ack(ref, "media.video.unpublish"));
                }
            }
            case ANSWER -> {
                if (member.subscriber == 0 || !member.offerPending) {
                    error(userId, ErrorCode.BAD_REQUEST, "There is no video offer of media room " + audioRoom
                            + " to answer.", ref);
                } else {
                    janus.start(member.subscriber, sdp); // refused or unanswered: the client may answer again
                    member.offerPending = false;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.executor.submit(() -> {
                for (VideoRoomState.Room room : rooms.values()) {
                    thread.guarded("destroy", () -> janus.destroy(room.id, room.secret));
                }
                rooms.clear();
                handles.clear();
                janus.close();
            }).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("video rooms did not close cleanly: {}", e.toString());
        }
        thread.close();
    }

    private VideoRoomState.Room make(String spaceId, String name, long audioRoom) {
        if (janus.open()) {
            long session = janus.session();
            Thread.ofPlatform().daemon().name("media-video-events").start(() -> poll(session));
        }
        var room = new VideoRoomState.Room(spaceId, name, audioRoom);
        janus.create(room.id, room.secret, room.token, PUBLISHERS, name);
        rooms.put(audioRoom, room);
        LOG.info("space {}: video room made for '{}'", spaceId, name);
        return room;
    }

    private void publish(VideoRoomState.Room room, VideoRoomState.Member member, String sdp, List<String> kinds,
                         String ref) {
        List<String> mids;
        try {
            mids = VideoRoomState.videoMids(sdp, kinds.size());
        } catch (IllegalArgumentException e) {
            error(member.userId, ErrorCode.INVALID_FIELD, e.getMessage(), ref);
            return;
        }
        unpublish(room, member);
        member.publisher = janus.attach();
        member.feed = StageRooms.randomId();
        member.mids = mids;
        member.kinds = kinds;
        handles.put(member.publisher, new VideoRoomState.Handle(room, member, true));
        janus.publish(member.publisher, room.id, room.token, member.feed, member.userId, sdp);
    }

    private void unpublish(VideoRoomState.Room room, VideoRoomState.Member member) {
        if (member.publisher == 0) {
            return;
        }
        detach(member.publisher);
        member.publisher = 0;
        feedGone(room, member);
    }

    /** The member's feed is down: nobody is subscribed to it any more (Janus renegotiates their subscriptions). */
    /**
     * {@code member}'s subscription hung up (Janus dropped every stream of it) or was refused before
     * it started: a fresh one, to every publisher whose connection is up, at most
     * {@link #RESUBSCRIBES} times while they stay.
     */
    private void resubscribe(VideoRoomState.Room room, VideoRoomState.Member member) {
        detach(member.subscriber);
        member.subscriber = 0;
        member.joined = false;
        member.offerPending = false;
        member.subscribed.clear();
        if (++member.resubscribes > RESUBSCRIBES) {
            error(member.userId, ErrorCode.MEDIA_UNAVAILABLE, "The others' video kept failing to reach you;"
                    + " enter the room again to try once more.", null);
            return;
        }
        for (VideoRoomState.Member publisher : room.members.values()) {
            thread.guarded("subscribing again", () -> subscribe(room, member, publisher));
        }
    }

    private static void feedGone(VideoRoomState.Room room, VideoRoomState.Member member) {
        member.live = false;
        room.members.values().forEach(other -> other.subscribed.removeIf(s -> s.feed() == member.feed));
    }

    /**
     * Subscribes {@code member} to the sections of {@code publisher}'s video they lack, if its
     * connection is up and it is not theirs (a camera only where the space's cameras are seen).
     */
    private void subscribe(VideoRoomState.Room room, VideoRoomState.Member member, VideoRoomState.Member publisher) {
        if (publisher == member || !publisher.live) {
            return;
        }
        boolean cameras = !camerasOff.contains(room.spaceId);
        List<VideoRoom.Stream> streams = new ArrayList<>();
        for (int i = 0; i < publisher.mids.size(); i++) {
            var stream = new VideoRoom.Stream(publisher.feed, publisher.mids.get(i));
            if ((cameras || !publisher.kinds.get(i).equals("camera")) && !member.subscribed.contains(stream)) {
                streams.add(stream);
            }
        }
        if (streams.isEmpty()) {
            return;
        }
        if (member.subscriber == 0) {
            member.subscriber = janus.attach();
            handles.put(member.subscriber, new VideoRoomState.Handle(room, member, false));
            janus.subscribe(member.subscriber, room.id, room.token, streams);
        } else {
            janus.add(member.subscriber, streams);
        }
        member.subscribed.addAll(streams);
    }

    /** Takes every camera section off {@code member}'s subscription. */
    private void dropCameras(VideoRoomState.Room room, VideoRoomState.Member member) {
        List<VideoRoom.Stream> cameras = member.subscribed.stream()
                .filter(s -> room.members.values().stream().anyMatch(p -> p.feed == s.feed()
                        && p.mids.indexOf(s.mid()) == p.kinds.indexOf("camera")))
                .toList();
        if (!cameras.isEmpty() && member.subscriber != 0) {
            janus.remove(member.subscriber, cameras);
            member.subscribed.removeAll(cameras);
        }
    }

    /** An event of the session, on the media-video thread. */
    private void event(JsonNode event) {
        VideoRoomState.Handle handle = handles.get(event.path("sender").asLong());
        if (handle == null || handle.room() != rooms.get(handle.room().audioRoom)
                || handle.room().members.get(handle.member().userId) != handle.member()) {
            return; // a handle detached meanwhile
        }
        VideoRoomState.Room room = handle.room();
        VideoRoomState.Member member = handle.member();
        if (handle.publisher() && member.publisher != event.path("sender").asLong()) {
            return; // an earlier publisher of theirs
        }
        switch (event.path("janus").asText()) {
            case "webrtcup" -> {
                if (handle.publisher()) {
                    member.live = true;
                    for (VideoRoomState.Member other : room.members.values()) {
                        thread.guarded("subscribing", () -> subscribe(room, other, member));
                    }
                }
            }
            case "event" -> {
                JsonNode data = event.path("plugindata").path("data");
                JsonNode jsep = event.path("jsep");
                if (data.has("error_code")) {
                    LOG.warn("space {}: video room of '{}' refused {}'s {}: {} ({})", room.spaceId, room.name,
                            member.userId, handle.publisher() ? "publishing" : "subscription", data.path("error").asText(),
                            data.path("error_code").asInt());
                    error(member.userId, ErrorCode.MEDIA_UNAVAILABLE, "The media server refused "
                            + (handle.publisher() ? "your video: " : "the others' video: ") + data.path("error").asText(),
                            null);
                    if (handle.publisher()) {
                        unpublish(room, member);
                    } else if (!member.joined) {
                        resubscribe(room, member); // the subscription never started: afresh, to who is live now
                    }
                } else if (handle.publisher() && "answer".equals(jsep.path("type").asText())) {
                    send(member.userId, new ServerMessage.MediaVideoPublished(room.audioRoom, jsep.path("sdp").asText()));
                } else if (!handle.publisher() && "offer".equals(jsep.path("type").asText())) {
                    boolean fresh = !member.joined;
                    member.offerPending = true;
                    member.joined = true;
                    send(member.userId, new ServerMessage.MediaVideoOffer(room.audioRoom, jsep.path("sdp").asText(),
                            VideoRoomState.roster(room, data.path("streams")), fresh));
                }
            }
            case "hangup" -> {
                if (handle.publisher()) {
                    feedGone(room, member); // their connection ended without an unpublish
                    error(member.userId, ErrorCode.MEDIA_UNAVAILABLE, "Your video stopped reaching the media"
                            + " server; turn your camera or screen off and on again to send it.", null);
                } else {
                    resubscribe(room, member);
                }
            }
            default -> {
                // media, slowlink, detached: nothing to do here
            }
        }
    }

    /**
     * Long-polls the session's events until it ends, handing each to the media-video thread. A
     * failed poll is tried again (after 1 s, then 2 s): a blip must not end every room's video.
     * The session is taken for lost when Janus says it has no such session, or after
     * {@link #POLL_ATTEMPTS} failures in a row; then everyone in a mixed room is told that its
     * video stopped (their voice goes on) and the rooms are forgotten.
     */
    private void poll(long session) {
        int failures = 0;
        while (!closed && janus.session() == session) {
            try {
                JsonNode event = janus.poll(session);
                failures = 0;
                if (event.has("sender")) {
                    thread.queue("an event", () -> event(event));
                }
            } catch (RuntimeException e) {
                if (closed || janus.session() != session) {
                    return;
                }
                failures++;
                boolean gone = e instanceof JanusException j && j.code() == JanusException.NO_SUCH_SESSION;
                if (!gone && failures < POLL_ATTEMPTS) {
                    LOG.info("video rooms: polling the media server's events failed ({}); trying again",
                            e.toString());
                    try {
                        Thread.sleep(1_000L << (failures - 1));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    continue;
                }
                LOG.warn("video rooms: the media server's events stopped: {}", e.toString());
                thread.queue("forgetting", () -> {
                    if (janus.session() == session) {
                        for (VideoRoomState.Room room : rooms.values()) {
                            for (String userId : room.members.keySet()) {
                                error(userId, ErrorCode.MEDIA_UNAVAILABLE, "Video in '" + room.name + "' stopped:"
                                        + " the media server lost it. You still hear everyone; enter the room again"
                                        + " for video.", null);
                            }
                        }
                        forgetAll();
                    }
                });
                return;
            }
        }
    }

    private void detach(long handle) {
        if (handle != 0) {
            handles.remove(handle);
            thread.guarded("detach", () -> janus.detach(handle));
        }
    }

    private void error(String userId, ErrorCode code, String message, String ref) {
        send(userId, ServerMessage.Error.of(code, message, ref));
    }

    private void send(String userId, ServerMessage message) {
        bus.publish(EventBus.Topics.user(userId), ProtocolCodec.encode(message));
    }
}
