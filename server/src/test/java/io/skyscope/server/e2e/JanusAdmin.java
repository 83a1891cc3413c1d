package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.server.testing.Janus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Janus's Admin API, as an operator (or a failing network) acts on a connection the SkyScope
 * server made: for the media tests. Loopback only, with the test Janus's admin secret.
 */
final class JanusAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JanusAdmin() {
    }

    /** A handle of a session, as the Admin API names it. */
    record Handle(long session, long handle) {
    }

    /**
     * The VideoRoom subscription that carries everyone's video but {@code feed}'s: the subscription
     * of {@code feed}'s owner (each member's subscription carries everyone else's pictures).
     *
     * @throws AssertionError unless exactly one such subscription exists
     */
    static Handle subscriptionWithout(Janus janus, long feed) {
        Handle found = null;
        for (JsonNode session : call(janus, "", request("list_sessions")).path("sessions")) {
            for (JsonNode handle : call(janus, "/" + session.asLong(), request("list_handles")).path("handles")) {
                JsonNode info = call(janus, "/" + session.asLong() + "/" + handle.asLong(), request("handle_info"))
                        .path("info");
                JsonNode specific = info.path("plugin_specific");
                if (!JanusApi.VIDEOROOM.equals(info.path("plugin").asText())
                        || !"subscriber".equals(specific.path("type").asText())) {
                    continue;
                }
                Set<Long> feeds = new HashSet<>();
                for (JsonNode stream : specific.path("streams")) {
                    if (stream.has("feed_id")) {
                        feeds.add(stream.path("feed_id").asLong());
                    }
                }
                if (!feeds.isEmpty() && !feeds.contains(feed)) {
                    if (found != null) {
                        throw new AssertionError("more than one subscription lacks feed " + feed);
                    }
                    found = new Handle(session.asLong(), handle.asLong());
                }
            }
        }
        if (found == null) {
            throw new AssertionError("no subscription lacks feed " + feed);
        }
        return found;
    }

    /** Hangs up the handle's connection, as a connection that failed would end. */
    static void hangUp(Janus janus, Handle handle) {
        call(janus, "/" + handle.session() + "/" + handle.handle(), request("hangup_webrtc"));
    }

    private static ObjectNode request(String what) {
        return JSON.createObjectNode().put("janus", what).put("transaction", UUID.randomUUID().toString());
    }

    private static JsonNode call(Janus janus, String path, ObjectNode body) {
        body.put("admin_secret", janus.adminSecret());
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(janus.adminUrl() + path))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (!"success".equals(answer.path("janus").asText())) {
                throw new AssertionError("Janus's Admin API refused " + body.path("janus").asText() + ": " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
