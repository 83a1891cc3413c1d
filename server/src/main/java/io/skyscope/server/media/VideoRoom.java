package io.skyscope.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import java.util.List;

/**
 * The server's own Janus session for the VideoRoom plugin (the SFU): one control handle through
 * which it creates and destroys rooms and lists their publishers, and one handle per publisher
 * and per subscriber, each attached here on a member's behalf (clients never reach the VideoRoom:
 * their Janus tokens name the AudioBridge alone). Rooms are private, VP8 only, with a secret and
 * a join token only this server knows, recording locked behind the secret. The plugin's answers
 * to joins, publishes and subscriptions are asynchronous: they arrive as events on the session,
 * read by {@link #poll}.
 *
 * <p>Threads: {@link VideoRooms}' thread alone calls everything but {@link #poll}, which its
 * poller thread calls; {@link JanusApi} is thread-safe and the session id is volatile.
 */
final class VideoRoom {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The most a publisher is told to send, in bit/s (Janus's REMB to its connection; with
     * {@code bitrate_cap} the publisher cannot raise it): a camera at its best (800 kbit/s) and a
     * screen together. A sender that ignores REMB is not stopped by it.
     */
    static final int MAX_BITRATE = 2_000_000;

    /** A publisher's stream to subscribe to. */
    record Stream(long feed, String mid) {
    }

    private final JanusApi api;
    private final String adminKey;
    private volatile long session;
    private long control;

    VideoRoom(JanusApi api, String adminKey) {
        this.api = api;
        this.adminKey = adminKey;
    }

    /** The session, made if there is none; returns whether it was made now. */
    boolean open() {
        if (session != 0) {
            return false;
        }
        long made = api.createSession();
        control = api.attach(made, JanusApi.VIDEOROOM);
        session = made;
        return true;
    }

    long session() {
        return session;
    }

    /** Drops the session without asking Janus (it forgot it, or is gone). */
    void forget() {
        session = 0;
    }

    void keepalive() {
        if (session != 0) {
            api.keepalive(session);
        }
    }

    /**
     * A private room for at most {@code publishers} publishers, VP8 only, at most
     * {@link #MAX_BITRATE} each, admitting only {@code token}; recording only with the secret.
     */
    void create(long room, String secret, String token, int publishers, String description) {
        ObjectNode body = body("create", room).put("secret", secret).put("is_private", true).put("permanent", false)
                .put("publishers", publishers).put("videocodec", "vp8").put("audiocodec", "opus")
                .put("bitrate", MAX_BITRATE).put("bitrate_cap", true)
                .put("lock_record", true).put("record", false).put("notify_joining", false)
                .put("description", description);
        body.putArray("allowed").add(token);
        if (adminKey != null) {
            body.put("admin_key", adminKey);
        }
        api.request(session, control, body);
    }

    void destroy(long room, String secret) {
        api.request(session, control, body("destroy", room).put("secret", secret).put("permanent", false));
    }

    /** The room's publishers as Janus lists them ({@code id}, {@code display}, {@code publisher}, ...). */
    List<JsonNode> participants(long room) {
        JsonNode answer = api.request(session, control, body("listparticipants", room));
        return List.copyOf(answer.path("participants").valueStream().toList());
    }

    long attach() {
        return api.attach(session, JanusApi.VIDEOROOM);
    }

    /** Hangs the handle up and takes it out of its room. */
    void detach(long handle) {
        api.detach(session, handle);
    }

    /** Joins as publisher {@code feed} (shown as {@code display}) and publishes {@code offer}; the answer comes as an event. */
    void publish(long handle, long room, String token, long feed, String display, String offer) {
        ObjectNode body = body("joinandconfigure", room).put("ptype", "publisher").put("id", feed)
                .put("display", display).put("token", token);
        api.message(session, handle, body, jsep("offer", offer));
    }

    /** Joins as a subscriber to {@code streams}; Janus's offer comes as an {@code attached} event. */
    void subscribe(long handle, long room, String token, List<Stream> streams) {
        ObjectNode body = body("join", room).put("ptype", "subscriber").put("token", token)
                .put("autoupdate", true);
        streams(body, streams);
        api.message(session, handle, body, null);
    }

    /** Adds {@code streams} to a subscription; Janus renegotiates (an {@code updated} event with an offer). */
    void add(long handle, List<Stream> streams) {
        ObjectNode body = JSON.createObjectNode().put("request", "subscribe");
        streams(body, streams);
        api.message(session, handle, body, null);
    }

    /** Takes {@code streams} off a subscription; Janus renegotiates. */
    void remove(long handle, List<Stream> streams) {
        ObjectNode body = JSON.createObjectNode().put("request", "unsubscribe");
        streams(body, streams);
        api.message(session, handle, body, null);
    }

    /** The subscriber's answer to Janus's latest offer. */
    void start(long handle, String answer) {
        api.message(session, handle, JSON.createObjectNode().put("request", "start"), jsep("answer", answer));
    }

    /** The session's next event (waits up to 30 s; a {@code keepalive} when none came). */
    JsonNode poll(long polled) {
        return api.poll(polled);
    }

    /** Ends the session (its handles go with it). */
    void close() {
        long s = session;
        session = 0;
        if (s != 0) {
            try {
                api.destroy(s);
            } catch (JanusException e) {
                // Janus is gone or forgot the session already
            }
        }
    }

    private static void streams(ObjectNode body, List<Stream> streams) {
        ArrayNode list = body.putArray("streams");
        for (Stream s : streams) {
            list.addObject().put("feed", s.feed()).put("mid", s.mid());
        }
    }

    private static ObjectNode jsep(String type, String sdp) {
        return JSON.createObjectNode().put("type", type).put("sdp", sdp);
    }

    private static ObjectNode body(String request, long room) {
        return JSON.createObjectNode().put("request", request).put("room", room);
    }
}
