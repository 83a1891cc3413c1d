package io.skyscope.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The server's own handle on Janus's AudioBridge: one Janus session (made again when Janus has
 * forgotten it: expired or restarted) and one handle, through which it creates and destroys rooms,
 * keeps each room's {@code allowed} list, and mutes, unmutes, kicks and lists participants.
 * Requests carry the room's secret (and the plugin's admin key to create). A request that gets no
 * answer tells {@link #onNoAnswer}; from then on requests fail at once, without asking Janus, until
 * {@link #ping} gets an answer, so that a dead or hung Janus costs one timeout, not one per request.
 * Not thread-safe: the {@link StageRooms} thread alone calls it, {@link #keepalive} and
 * {@link #ping} included.
 */
public final class AudioBridge {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A participant as the AudioBridge lists it. */
    public record Participant(long id, boolean muted) {
    }

    /**
     * Packets of 20 ms the AudioBridge queues per participant before mixing them (and at most twice
     * that before it drops the oldest): its delay through the mix, and the network jitter it rides
     * out. Janus's default is 6 (120 ms); 3 took about 50 ms off the stage benchmark's latency through
     * the mix at p50 (docs/benchmarks.md), and Opus FEC still covers a lost packet inside that depth.
     */
    static final int PREBUFFER_PACKETS = 3;
    private final JanusApi api;
    private final String adminKey;
    private long session;
    private long handle;
    private boolean down;
    private BiConsumer<String, JanusException> noAnswer = (request, e) -> { };

    public AudioBridge(JanusApi api, String adminKey) {
        this.api = api;
        this.adminKey = adminKey;
    }

    /**
     * Creates a private room that admits only the tokens later {@link #allow allowed}; no description: null.
     * Each participant's packets are buffered {@link #PREBUFFER_PACKETS} deep before the mix.
     */
    public void create(long room, String secret, String description) {
        ObjectNode body = body("create", room, secret).put("is_private", true)
                .put("permanent", false).put("sampling_rate", 48_000).put("audiolevel_event", false)
                .put("default_prebuffering", PREBUFFER_PACKETS);
        if (description != null) {
            body.put("description", description);
        }
        body.putArray("allowed");
        if (adminKey != null) {
            body.put("admin_key", adminKey);
        }
        call(body);
    }

    public void destroy(long room, String secret) {
        call(body("destroy", room, secret).put("permanent", false));
    }

    /** Adds ({@code add}) or removes ({@code remove}) join tokens of the room's {@code allowed} list. */
    public void allowed(long room, String secret, String action, Set<String> tokens) {
        ObjectNode body = body("allowed", room, secret).put("action", action);
        var list = body.putArray("allowed");
        tokens.forEach(list::add);
        call(body);
    }

    public void mute(long room, String secret, long participant, boolean muted) {
        call(body(muted ? "mute" : "unmute", room, secret).put("id", participant));
    }

    public void kick(long room, String secret, long participant) {
        call(body("kick", room, secret).put("id", participant));
    }

    public List<Participant> participants(long room) {
        JsonNode answer = call(JSON.createObjectNode().put("request", "listparticipants").put("room", room));
        List<Participant> out = new ArrayList<>();
        for (JsonNode p : answer.path("participants")) {
            out.add(new Participant(p.path("id").asLong(), p.path("muted").asBoolean()));
        }
        return out;
    }

    /** Keeps the session alive; a forgotten one is made afresh at the next request. */
    public void keepalive() {
        if (session == 0) {
            return;
        }
        try {
            api.keepalive(session);
        } catch (JanusException e) {
            session = 0;
            throw e;
        }
    }

    /**
     * Whom to tell (on the calling thread) that a request ({@code create}, {@code allowed},
     * {@code listparticipants}, ...) got no answer.
     */
    public void onNoAnswer(BiConsumer<String, JanusException> listener) {
        this.noAnswer = listener;
    }

    /**
     * Asks Janus even while it is taken for down: makes the session (and handle) if there is none,
     * else keeps it alive (a session Janus forgot is made afresh). An answer ends the down state.
     */
    public void ping() {
        try {
            if (session != 0) {
                try {
                    api.keepalive(session);
                } catch (JanusException e) {
                    if (e.code() != JanusException.NO_SUCH_SESSION) {
                        throw e;
                    }
                    open();
                }
            } else {
                open();
            }
            down = false;
        } catch (JanusException e) {
            if (e.noAnswer()) {
                session = 0;
                down = true;
            }
            throw e;
        }
    }

    /** Drops the session without asking Janus (which forgot it, or is gone). */
    public void forget() {
        session = 0;
    }

    /** Ends the session (its handle goes with it). */
    public void close() {
        if (session != 0) {
            try {
                api.destroy(session);
            } catch (JanusException e) {
                // Janus is gone or forgot the session already
            }
            session = 0;
        }
    }

    private JsonNode call(ObjectNode body) {
        String request = body.path("request").asText();
        if (down) {
            throw new JanusException(JanusException.UNREACHABLE, "the media server is down; '" + request + "' not sent");
        }
        try {
            if (session == 0) {
                open();
            }
            return api.request(session, handle, body);
        } catch (JanusException e) {
            if (e.noAnswer()) {
                session = 0;
                down = true;
                noAnswer.accept(request, e);
            } else if (e.code() == JanusException.NO_SUCH_SESSION || e.code() == 459 /* no such handle */) {
                session = 0;
            }
            throw e;
        }
    }

    private void open() {
        long made = api.createSession();
        handle = api.attach(made, JanusTokens.AUDIOBRIDGE);
        session = made;
    }

    private static ObjectNode body(String request, long room, String secret) {
        return JSON.createObjectNode().put("request", request).put("room", room).put("secret", secret);
    }
}
