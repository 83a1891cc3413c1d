package io.skyscope.protocol.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Janus's JSON API over HTTP ({@code POST <url>}, {@code POST <url>/<session>},
 * {@code POST <url>/<session>/<handle>}, events by long poll on {@code GET <url>/<session>}),
 * authorised either by the API secret (this server) or by a signed token (a client, or a test
 * acting as one). Janus's errors and the plugins' {@code error_code}s become {@link JanusException}s;
 * no answer within the timeout is {@link JanusException#UNREACHABLE}. Thread-safe: each call is
 * one HTTP exchange.
 */
public final class JanusApi {
    /** The AudioBridge plugin's package name, as {@link #attach} and signed tokens name it. */
    public static final String AUDIOBRIDGE = "janus.plugin.audiobridge";
    /** The VideoRoom plugin's (the SFU), which only the SkyScope server attaches to. */
    public static final String VIDEOROOM = "janus.plugin.videoroom";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String url;
    private final String field;
    private final String credential;
    private final Duration timeout;
    private final HttpClient http;

    private JanusApi(String url, String field, String credential, Duration timeout) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.field = field;
        this.credential = credential;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A client authorised by the API secret (the SkyScope server's own). */
    public static JanusApi withApiSecret(String url, String apiSecret, Duration timeout) {
        return new JanusApi(url, "apisecret", apiSecret, timeout);
    }

    /** A client authorised by a signed token (null: none), as a SkyScope client talks to Janus. */
    public static JanusApi withToken(String url, String token, Duration timeout) {
        return new JanusApi(url, "token", token, timeout);
    }

    /** Creates a session; returns its id. */
    public long createSession() {
        return post(url, request("create")).path("data").path("id").asLong();
    }

    /** Attaches a handle to a plugin ({@code janus.plugin.audiobridge}); returns its id. */
    public long attach(long session, String plugin) {
        ObjectNode body = request("attach").put("plugin", plugin);
        return post(url + "/" + session, body).path("data").path("id").asLong();
    }

    /**
     * A synchronous plugin request (the AudioBridge's create, destroy, allowed, mute, kick,
     * listparticipants, ...): returns the plugin's answer, or throws its {@code error_code}.
     */
    public JsonNode request(long session, long handle, ObjectNode body) {
        JsonNode answer = post(url + "/" + session + "/" + handle, request("message").set("body", body));
        JsonNode data = answer.path("plugindata").path("data");
        if (data.has("error_code")) {
            throw new JanusException(data.path("error_code").asInt(), data.path("error").asText("plugin error"));
        }
        return data;
    }

    /**
     * An asynchronous plugin message (the AudioBridge's join and configure), with an optional JSEP
     * offer; Janus acknowledges it and answers with an event ({@link #poll}).
     */
    public void message(long session, long handle, ObjectNode body, ObjectNode jsep) {
        ObjectNode message = request("message").set("body", body);
        if (jsep != null) {
            message.set("jsep", jsep);
        }
        post(url + "/" + session + "/" + handle, message);
    }

    /** Detaches a handle: its connection is hung up and it leaves whatever room it was in. */
    public void detach(long session, long handle) {
        post(url + "/" + session + "/" + handle, request("detach"));
    }

    /** An ICE candidate for the handle's connection ({@code {"completed": true}} ends them). */
    public void trickle(long session, long handle, ObjectNode candidate) {
        post(url + "/" + session + "/" + handle, request("trickle").set("candidate", candidate));
    }

    /** Waits up to 30 s (Janus's long poll) for the session's next event; a {@code keepalive} when none came. */
    public JsonNode poll(long session) {
        // A signed token has ',', ':' and Base64's '+', '/' and '=': encoded, or '+' reads as a space.
        String query = "?maxev=1" + (credential == null ? "" : "&" + field + "="
                + URLEncoder.encode(credential, StandardCharsets.UTF_8));
        HttpRequest get = HttpRequest.newBuilder(URI.create(url + "/" + session + query))
                .timeout(Duration.ofSeconds(40)).GET().build();
        return check(exchange(get));
    }

    /** Keeps the session alive (Janus ends a session silent for its {@code session_timeout}, 60 s by default). */
    public void keepalive(long session) {
        post(url + "/" + session, request("keepalive"));
    }

    public void destroy(long session) {
        post(url + "/" + session, request("destroy"));
    }

    private ObjectNode request(String janus) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        ObjectNode node = JSON.createObjectNode().put("janus", janus).put("transaction", HexFormat.of().formatHex(id));
        if (credential != null) {
            node.put(field, credential);
        }
        return node;
    }

    private JsonNode post(String to, ObjectNode body) {
        HttpRequest post = HttpRequest.newBuilder(URI.create(to)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return check(exchange(post));
    }

    private JsonNode exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new JanusException(response.statusCode(), "Janus answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            // A refused connection has no message of its own: its kind says it.
            throw new JanusException("Janus at " + url + " did not answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException("interrupted while waiting for Janus", e);
        }
    }

    private static JsonNode check(JsonNode answer) {
        if ("error".equals(answer.path("janus").asText())) {
            JsonNode error = answer.path("error");
            throw new JanusException(error.path("code").asInt(), error.path("reason").asText("Janus error"));
        }
        return answer;
    }
}
