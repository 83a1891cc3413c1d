package io.skyscope.server.media;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.config.MediaConfig;
import io.skyscope.server.world.MediaStages;
import io.skyscope.server.world.SpaceCommand;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages on the media server: one AudioBridge room per stage while anyone is in it, made when the
 * first person comes and destroyed when the last leaves, with a random id (not guessable, not
 * listed: {@code is_private}) and a random secret that only this server knows. Each person the
 * proximity engine puts in a stage's room gets a random join token added to the room's
 * {@code allowed} list (removed again when they leave, and they are kicked), a participant id, and
 * a signed Janus token for the AudioBridge alone that expires; all of it travels in
 * {@code media.join} on their user topic. Speakers are heard, listeners muted: the server mutes
 * and unmutes participants itself, and every two seconds compares each room with what it should
 * be (a participant the server did not send there is kicked; a wrong mute is corrected), so a
 * modified client can neither stay in a room nor speak in one without the server's word.
 *
 * <p>The media server dying: the same check (after a keepalive of the server's own session) finds
 * it within two seconds, as does any request that gets no answer within {@link #REQUEST_TIMEOUT},
 * or a room Janus no longer knows (it restarted). Then everyone in a room gets {@code media.leave}
 * ({@link MediaReasons#MEDIA_UNAVAILABLE}), the rooms are forgotten, and
 * {@link #availability} says so: each space sees it at its next tick and carries its stages over
 * direct links. Janus is probed with a back-off ({@link MediaOutages}); once it answers, the spaces
 * put their people back through the usual {@link #member} calls, into rooms made afresh.
 *
 * <p>A meeting room of more people than its mesh size gets a room here the same way, made, kept
 * and checked alike, in which everyone the engine puts there is a speaker, and a VideoRoom next to
 * it for its members' cameras and screens ({@link VideoRooms}); so does a space's megaphone
 * (its holder heard, everyone else muted).
 *
 * <p>Threads: {@link #member} and {@link #rejoin} come from space owners' threads and only queue
 * work; all of Janus's requests, the check and the keepalive run on the one {@code media-rooms}
 * thread, which alone touches the rooms.
 */
public final class StageRooms implements MediaStages, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageRooms.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Janus room and participant ids are JSON numbers: kept below 2^53 so that every client reads them exactly. */
    private static final long ID_BOUND = 1L << 53;
    /** The longest any request to Janus may take: no answer by then counts as Janus being down. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long CHECK_MILLIS = 2_000;

    private final MediaConfig config;
    private final AudioBridge bridge;
    private final JanusTokens tokens;
    private final EventBus bus;
    private final MediaOutages outages;
    private final VideoRooms videos;
    private final Map<MediaRoomKey, MediaRoomKey.Room> rooms = new HashMap<>();
    private final MediaThread media = new MediaThread("media-rooms");
    private final ScheduledExecutorService thread = media.executor;

    public StageRooms(MediaConfig config, EventBus bus, Clock clock) {
        this.config = config;
        this.bus = bus;
        this.tokens = new JanusTokens(config.tokenSecret(), clock);
        this.bridge = new AudioBridge(JanusApi.withApiSecret(config.url(), config.apiSecret(), REQUEST_TIMEOUT),
                config.adminKey());
        this.outages = new MediaOutages(clock);
        this.videos = new VideoRooms(JanusApi.withApiSecret(config.url(), config.apiSecret(), REQUEST_TIMEOUT),
                config.adminKey(), bus);
        bridge.onNoAnswer((request, e) -> outage("sending '" + request + "'", e.getMessage()));
    }

    /**
     * Starts watching Janus: at once, then every 2 s while it answers (a keepalive, which also keeps
     * the session Janus drops after 60 s of silence, and the rooms' check), with a back-off while not.
     */
    public StageRooms start() {
        thread.execute(this::watch);
        return this;
    }

    @Override
    public Availability availability() {
        return outages.now();
    }

    @Override
    public int stageSize() {
        return config.stageSize();
    }

    @Override
    public void member(String spaceId, String stage, String userId, boolean inRoom, boolean speaker) {
        place(new MediaRoomKey(spaceId, MediaRoomKey.Kind.STAGE, stage), userId, inRoom, speaker, "left the audience");
    }

    @Override
    public void meetingRoom(String spaceId, String room, String userId, boolean inRoom, boolean backToDirect) {
        place(new MediaRoomKey(spaceId, MediaRoomKey.Kind.MEETING_ROOM, room), userId, inRoom, true,
                backToDirect ? "the room is back on direct links" : "left the room");
    }

    /** Queues the user's entry into the room of {@code key}, or their leaving it with {@code reason}. */
    private void place(MediaRoomKey key, String userId, boolean inRoom, boolean speaker, String reason) {
        queue(key.name(), () -> {
            if (inRoom) {
                enter(key, userId, speaker);
            } else {
                leave(key, userId, reason);
            }
        });
    }

    @Override
    public void rejoin(String spaceId, String userId) {
        queue("rejoin", () -> {
            for (var entry : List.copyOf(rooms.entrySet())) {
                MediaRoomKey.Member old = entry.getValue().members.get(userId);
                if (entry.getKey().spaceId().equals(spaceId) && old != null && outages.now().up()) {
                    MediaRoomKey.Room room = entry.getValue();
                    forget(room, old);
                    room.members.remove(userId);
                    leftVideo(entry.getKey(), room, userId);
                    admit(entry.getKey(), room, userId, old.speaker());
                }
            }
        });
    }

    /** The megaphone's room: a kind of its own ({@code stage} and {@code meetingRoom} null in its media.join and media.leave). */
    @Override
    public void megaphone(String spaceId, String userId, boolean inRoom, boolean speaker) {
        place(MediaRoomKey.megaphone(spaceId), userId, inRoom, speaker, "megaphone off");
    }

    @Override
    public void video(String spaceId, String userId, SpaceCommand.MediaVideoAction action, long room, String sdp,
                      List<String> kinds, String ref) {
        videos.request(spaceId, userId, action, room, sdp, kinds, ref);
    }

    @Override
    public void cameras(String spaceId, boolean on) {
        videos.cameras(spaceId, on);
    }

    /** Destroys every room (everyone in them is hung up) and ends the session. */
    @Override
    public void close() {
        videos.close();
        try {
            thread.submit(() -> {
                for (MediaRoomKey.Room room : List.copyOf(rooms.values())) {
                    guarded("destroy", () -> bridge.destroy(room.id, room.secret));
                }
                rooms.clear();
                bridge.close();
            }).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("media rooms did not close cleanly: {}", e.toString());
        }
        thread.shutdownNow();
    }

    private void enter(MediaRoomKey key, String userId, boolean speaker) {
        if (!outages.now().up()) {
            return; // sent before the space saw the outage: it sends it again once Janus answers
        }
        MediaRoomKey.Room room = rooms.get(key);
        if (room == null) {
            room = new MediaRoomKey.Room(randomId(), randomToken());
            try {
                bridge.create(room.id, room.secret, key.name());
            } catch (JanusException e) {
                LOG.warn("space {}: cannot make the media room of '{}': {} ({})", key.spaceId(), key.name(),
                        e.getMessage(), e.code());
                send(userId, ServerMessage.Error.of(ErrorCode.MEDIA_UNAVAILABLE, "The media server that carries '"
                        + key.name() + "' is not available right now; try again in a moment.", null));
                return;
            }
            rooms.put(key, room);
            LOG.info("space {}: media room {} made for '{}'", key.spaceId(), room.id, key.name());
        }
        MediaRoomKey.Member member = room.members.get(userId);
        if (member == null) {
            admit(key, room, userId, speaker);
        } else if (member.speaker() != speaker) {
            room.members.put(userId, new MediaRoomKey.Member(member.participant(), member.roomToken(), speaker));
            mute(room, member.participant(), !speaker);
        }
    }

    /** Allows a fresh join token in the room and sends the user there. */
    private void admit(MediaRoomKey key, MediaRoomKey.Room room, String userId, boolean speaker) {
        var member = new MediaRoomKey.Member(randomId(), randomToken(), speaker);
        try {
            bridge.allowed(room.id, room.secret, "add", Set.of(member.roomToken()));
        } catch (JanusException e) {
            LOG.warn("space {}: cannot admit {} to media room {}: {}", key.spaceId(), userId, room.id, e.getMessage());
            send(userId, ServerMessage.Error.of(ErrorCode.MEDIA_UNAVAILABLE, "The media server that carries '"
                    + key.name() + "' is not available right now; try again in a moment.", null));
            return;
        }
        room.members.put(userId, member);
        long expires = System.currentTimeMillis() / 1000 + config.tokenTtlSeconds();
        if (key.kind() == MediaRoomKey.Kind.MEETING_ROOM) {
            videos.entered(key.spaceId(), key.name(), room.id, userId); // queued before the client can ask for it
        }
        send(userId, key.join(config.publicUrl(), tokens.sign(expires, JanusTokens.AUDIOBRIDGE), expires, room.id,
                member));
    }

    private void leave(MediaRoomKey key, String userId, String reason) {
        MediaRoomKey.Room room = rooms.get(key);
        MediaRoomKey.Member member = room == null ? null : room.members.remove(userId);
        if (member == null) {
            return;
        }
        leftVideo(key, room, userId); // queued for the video thread before the client hears it
        send(userId, key.leave(room.id, reason));
        forget(room, member);
        if (room.members.isEmpty()) {
            rooms.remove(key);
            guarded("destroy", () -> bridge.destroy(room.id, room.secret));
            LOG.info("space {}: media room {} of '{}' destroyed (empty)", key.spaceId(), room.id, key.name());
        }
    }

    /** A meeting room's member leaves its video too: the server's handles for them are detached. */
    private void leftVideo(MediaRoomKey key, MediaRoomKey.Room room, String userId) {
        if (key.kind() == MediaRoomKey.Kind.MEETING_ROOM) {
            videos.left(room.id, userId);
        }
    }

    /** Takes the member's join token off the room's list and hangs them up there. */
    private void forget(MediaRoomKey.Room room, MediaRoomKey.Member member) {
        guarded("disallow", () -> bridge.allowed(room.id, room.secret, "remove", Set.of(member.roomToken())));
        try {
            bridge.kick(room.id, room.secret, member.participant());
        } catch (JanusException e) {
            if (e.code() != JanusException.NO_SUCH_USER) {
                LOG.warn("media room {}: kicking {} failed: {}", room.id, member.participant(), e.getMessage());
            }
        }
    }

    private void mute(MediaRoomKey.Room room, long participant, boolean muted) {
        try {
            bridge.mute(room.id, room.secret, participant, muted);
        } catch (JanusException e) {
            // Not in the room yet: the check sets the mute once they are.
            if (e.code() != JanusException.NO_SUCH_USER) {
                LOG.warn("media room {}: {} {} failed: {}", room.id, muted ? "muting" : "unmuting", participant,
                        e.getMessage());
            }
        }
    }

    /**
     * Every 2 s while Janus answers: a keepalive and the rooms' check; while it does not, a probe
     * after each back-off. Runs on the media thread and schedules its next run there.
     */
    private void watch() {
        long next = CHECK_MILLIS;
        try {
            if (outages.now().up()) {
                try {
                    bridge.ping();
                    check();
                } catch (JanusException e) {
                    if (e.noAnswer()) {
                        outage("checking its rooms", e.getMessage()); // a ping is not reported by the bridge
                    } else {
                        LOG.warn("media rooms: the check failed: {} ({})", e.getMessage(), e.code());
                    }
                }
            } else {
                try {
                    bridge.ping();
                    outages.answered(config.url());
                } catch (JanusException e) {
                    LOG.debug("media server still down: {}", e.getMessage());
                    next = outages.nextProbe().toMillis();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("media rooms: watching the media server failed", e);
        } finally {
            try {
                thread.schedule(this::watch, next, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                LOG.debug("media rooms closed; the watch ends");
            }
        }
    }

    /**
     * Janus gave no answer (or lost the rooms) while the server was {@code doing} something: the
     * first time, everyone in a room is told and the rooms are forgotten.
     */
    private void outage(String doing, String why) {
        if (!outages.failed(config.url(), doing, why)) {
            return;
        }
        int told = 0;
        for (var entry : rooms.entrySet()) {
            for (String userId : entry.getValue().members.keySet()) {
                send(userId, entry.getKey().leave(entry.getValue().id, MediaReasons.MEDIA_UNAVAILABLE));
                told++;
            }
        }
        LOG.info("media rooms: {} forgotten, {} people told to fall back to direct links", rooms.size(), told);
        rooms.clear();
        bridge.forget();
        videos.lost();
    }

    /** Each room as it should be: nobody the server did not send there, and speakers alone unmuted. */
    private void check() {
        for (MediaRoomKey.Room room : List.copyOf(rooms.values())) {
            Map<Long, MediaRoomKey.Member> expected = new HashMap<>();
            room.members.values().forEach(m -> expected.put(m.participant(), m));
            List<AudioBridge.Participant> present;
            try {
                present = bridge.participants(room.id);
            } catch (JanusException e) {
                if (e.code() != JanusException.NO_SUCH_ROOM) {
                    throw e;
                }
                // Janus restarted since the last check: every room went with it.
                outage("checking its rooms", "it no longer knows room " + room.id + " (it restarted)");
                return;
            }
            for (AudioBridge.Participant p : present) {
                MediaRoomKey.Member m = expected.get(p.id());
                if (m == null) {
                    LOG.warn("media room {}: participant {} was not sent there; kicked", room.id, p.id());
                    guarded("kick", () -> bridge.kick(room.id, room.secret, p.id()));
                } else if (p.muted() == m.speaker()) {
                    mute(room, p.id(), !m.speaker());
                }
            }
        }
    }

    private void send(String userId, ServerMessage message) {
        bus.publish(EventBus.Topics.user(userId), ProtocolCodec.encode(message));
    }

    private void queue(String what, Runnable task) {
        media.queue(what, task);
    }

    private void guarded(String what, Runnable task) {
        media.guarded(what, task);
    }

    /** A random Janus id (room, participant, feed) below 2^53. */
    static long randomId() {
        return 1 + (RANDOM.nextLong() & (ID_BOUND - 1)) % (ID_BOUND - 1);
    }

    /** A random secret or token: 24 bytes, hex. */
    static String randomToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
