package io.skyscope.client.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * My links to media-server rooms (Janus's AudioBridge), where a stage beyond direct links, or a
 * meeting room of more people than its mesh size, is heard: each room is one {@link PeerLink} like any peer's (peer id {@code media:<room>}, reason
 * {@code media}, two-way, voice only), so my microphone goes into the room and the room's mix
 * (everyone heard there but me) comes out of my speaker through the same mixer as direct voices.
 * What would go to a peer through the server goes to Janus instead: the offer with the
 * AudioBridge's {@code join} (the room's token, my participant id, muted unless the server made me
 * a speaker), ICE candidates as {@code trickle}; Janus's answer comes back to the link as a peer's
 * answer would. Whether I am heard is Janus's mute, set by the server: a floor granted or taken
 * changes nothing here.
 *
 * <p>Also the engine's {@link VoiceSignalling}: payloads for a media room go to its Janus session,
 * the rest to the server. Threads: {@link #open} and {@link #close} run on the engine's control
 * thread; each room's Janus requests run in order on a thread of its own, and its events are
 * long-polled on another; Janus's answers reach the engine through {@code toLink} (which hands
 * them to the control thread).
 */
final class MediaRooms implements VoiceSignalling {
    private static final Logger LOG = LoggerFactory.getLogger(MediaRooms.class);
    static final String REASON = "media";
    private static final String PREFIX = "media:";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Janus ends a session silent for 60 s. */
    private static final long KEEPALIVE_SECONDS = 25;

    private final VoiceSignalling server;
    private final BiConsumer<String, JsonNode> toLink;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    /**
     * @param server the server's signalling, for everything that is not a media room's
     * @param toLink hands Janus's answer to the link, as if a peer had sent it
     */
    MediaRooms(VoiceSignalling server, BiConsumer<String, JsonNode> toLink) {
        this.server = server;
        this.toLink = toLink;
    }

    static String peerId(long room) {
        return PREFIX + room;
    }

    /** Starts a Janus session for the room; {@code ready} runs (on the room's thread) once it can take the offer. */
    void open(ServerMessage.MediaJoin join, Runnable ready) {
        close(join.room());
        var room = new Room(join);
        rooms.put(peerId(join.room()), room);
        room.run(() -> {
            room.start();
            ready.run();
        });
    }

    /** Ends my session in the room (Janus hangs up my link there); the caller closes the link. */
    void close(long roomId) {
        Room room = rooms.remove(peerId(roomId));
        if (room != null) {
            room.stop();
        }
    }

    void closeAll() {
        List.copyOf(rooms.keySet()).forEach(id -> close(Long.parseLong(id.substring(PREFIX.length()))));
    }

    List<String> peerIds() {
        return List.copyOf(rooms.keySet());
    }

    @Override
    public void signal(String peerId, ObjectNode payload) {
        Room room = peerId.startsWith(PREFIX) ? rooms.get(peerId) : null;
        if (room != null) {
            room.run(() -> room.send(payload));
        } else if (!peerId.startsWith(PREFIX)) {
            server.signal(peerId, payload);
        }
    }

    @Override
    public void video(io.skyscope.protocol.ClientMessage.VoiceCommand command) {
        server.video(command);
    }

    @Override
    public void voiceState(boolean muted, boolean speaking, boolean camera, boolean screen) {
        server.voiceState(muted, speaking, camera, screen);
    }

    /** One room: its Janus session and handle, a thread for requests in order, one for events. */
    private final class Room {
        private final ServerMessage.MediaJoin join;
        private final JanusApi api;
        private final ExecutorService requests;
        private volatile boolean running = true;
        private volatile long session;
        private long handle;
        private volatile Thread poller;

        Room(ServerMessage.MediaJoin join) {
            this.join = join;
            this.api = JanusApi.withToken(join.url(), join.token(), TIMEOUT);
            this.requests = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                    .name("media-" + join.room()).unstarted(r));
        }

        void run(Runnable task) {
            try {
                requests.execute(() -> {
                    if (!running) {
                        return;
                    }
                    try {
                        task.run();
                    } catch (JanusException e) {
                        LOG.warn("media room {}: Janus refused: {} ({})", join.room(), e.getMessage(), e.code());
                    } catch (RuntimeException e) {
                        LOG.warn("media room {} failed", join.room(), e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("media room {} closed; request dropped", join.room());
            }
        }

        void start() {
            session = api.createSession();
            handle = api.attach(session, JanusApi.AUDIOBRIDGE);
            poller = Thread.ofPlatform().daemon().name("media-events-" + join.room()).start(this::poll);
            LOG.info("media room {} ({}): Janus session ready", join.room(), join.area());
        }

        /** The link's offer joins the room; its candidates trickle. */
        void send(ObjectNode payload) {
            String type = payload.path("type").asText("");
            if (type.equals("offer")) {
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("request", "join").put("room", join.room())
                        .put("id", join.participant()).put("token", join.roomToken()).put("muted", !join.speaker());
                ObjectNode jsep = JsonNodeFactory.instance.objectNode().put("type", "offer")
                        .put("sdp", payload.path("sdp").asText());
                api.message(session, handle, body, jsep);
            } else if (payload.has("candidate")) {
                String candidate = payload.path("candidate").asText("");
                ObjectNode trickle = candidate.isEmpty() ? JsonNodeFactory.instance.objectNode().put("completed", true)
                        : payload.deepCopy();
                api.trickle(session, handle, trickle);
            }
        }

        /** Events until the room is closed: Janus's answer goes to the link; a keepalive every 25 s. */
        private void poll() {
            long lastKeepalive = System.nanoTime();
            while (running) {
                try {
                    JsonNode event = api.poll(session);
                    JsonNode jsep = event.path("jsep");
                    if (jsep.path("type").asText().equals("answer")) {
                        toLink.accept(peerId(join.room()), JsonNodeFactory.instance.objectNode().put("type", "answer")
                                .put("sdp", jsep.path("sdp").asText()));
                    }
                    JsonNode data = event.path("plugindata").path("data");
                    if (data.has("error_code")) {
                        LOG.warn("media room {}: {} ({})", join.room(), data.path("error").asText(),
                                data.path("error_code").asInt());
                    }
                    if (System.nanoTime() - lastKeepalive > TimeUnit.SECONDS.toNanos(KEEPALIVE_SECONDS)) {
                        api.keepalive(session);
                        lastKeepalive = System.nanoTime();
                    }
                } catch (JanusException e) {
                    if (running) {
                        LOG.warn("media room {}: Janus session lost: {}", join.room(), e.getMessage());
                    }
                    return;
                }
            }
        }

        void stop() {
            running = false;
            requests.shutdownNow();
            long s = session;
            if (s != 0) {
                // Not on the caller's (control) thread: Janus may be slow or gone.
                Thread.ofVirtual().start(() -> {
                    try {
                        api.destroy(s);
                    } catch (JanusException e) {
                        LOG.debug("media room {}: session already gone: {}", join.room(), e.getMessage());
                    }
                });
            }
            if (poller != null) {
                poller.interrupt();
            }
        }
    }
}
