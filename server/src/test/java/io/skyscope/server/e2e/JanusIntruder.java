package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.protocol.ServerMessage.MediaJoin;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.server.media.AudioBridge;
import io.skyscope.server.testing.Janus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Someone talking to Janus directly with what the server handed another person, for the media tests. */
final class JanusIntruder {
    private static final long IMPOSTOR = 4_242_424_242L;

    private JanusIntruder() {
    }

    /**
     * Joins the room of {@code lent} with its Janus token and join token, under another participant
     * id: Janus admits it, and the server's check kicks the impostor out within seconds, while the
     * person the server sent there stays.
     */
    static void isKickedWithALentJoin(Janus janus, MediaJoin lent) {
        isKickedWithALentJoin(janus, lent, null);
    }

    /**
     * As {@link #isKickedWithALentJoin(Janus, MediaJoin)}, the join asking the AudioBridge to record
     * the impostor's audio to {@code recordTo/intruder} (any participant may ask, and the plugin has
     * no lock for it): Janus refuses to write anywhere (its protected folders), so no file appears.
     */
    static void isKickedWithALentJoin(Janus janus, MediaJoin lent, Path recordTo) {
        var raw = JanusApi.withToken(janus.url(), lent.token(), TIMEOUT);
        long session = raw.createSession();
        var admin = new AudioBridge(JanusApi.withApiSecret(janus.url(), janus.apiSecret(), TIMEOUT), janus.adminKey());
        try {
            long handle = raw.attach(session, JanusApi.AUDIOBRIDGE);
            var join = JsonNodeFactory.instance.objectNode().put("request", "join")
                    .put("room", lent.room()).put("id", IMPOSTOR).put("token", lent.roomToken()).put("muted", false);
            if (recordTo != null) {
                join.put("record", true).put("filename", recordTo.resolve("intruder").toString());
            }
            raw.message(session, handle, join, null);
            assertThat(Janus.nextPluginEvent(raw, session).path("audiobridge").asText()).isEqualTo("joined");
            if (recordTo != null) {
                try (var written = Files.list(recordTo)) {
                    assertThat(written.toList()).as("files Janus recorded for a participant").isEmpty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            await("the impostor is kicked").atMost(TIMEOUT)
                    .until(() -> admin.participants(lent.room()).stream().noneMatch(p -> p.id() == IMPOSTOR));
            assertThat(admin.participants(lent.room())).extracting(AudioBridge.Participant::id).contains(lent.participant());
        } finally {
            admin.close();
            raw.destroy(session);
        }
    }

    /**
     * With the Janus token of {@code lent} (the AudioBridge's), a session opens but the VideoRoom
     * cannot be attached: the token does not name it, so nobody reaches a mixed room's video
     * except through the server.
     */
    static void cannotReachTheVideoRoom(Janus janus, MediaJoin lent) {
        var raw = JanusApi.withToken(janus.url(), lent.token(), TIMEOUT);
        long session = raw.createSession();
        try {
            var refused = catchThrowableOfType(JanusException.class, () -> raw.attach(session, JanusApi.VIDEOROOM));
            assertThat(refused).as("attaching to the VideoRoom with an AudioBridge token").isNotNull();
            System.out.printf("Janus refused the VideoRoom to a client's token: %s (%d)%n", refused.getMessage(),
                    refused.code());
        } finally {
            raw.destroy(session);
        }
    }

    /**
     * Every publisher in Janus's VideoRooms, by display (the member id the server joined them as),
     * and whether its connection is up; asked with the server's API secret and the admin key
     * (the rooms are private).
     */
    static Map<String, Boolean> videoPublishers(Janus janus) {
        Map<String, Boolean> out = new HashMap<>();
        videoParticipants(janus).forEach(p -> out.put(p.path("display").asText(), p.path("publisher").asBoolean()));
        return out;
    }

    /** The feed id each publisher of every VideoRoom has, by its display (the member id the server gave). */
    static Map<String, Long> videoFeeds(Janus janus) {
        Map<String, Long> out = new HashMap<>();
        videoParticipants(janus).stream().filter(p -> p.path("publisher").asBoolean())
                .forEach(p -> out.put(p.path("display").asText(), p.path("id").asLong()));
        return out;
    }

    private static java.util.List<com.fasterxml.jackson.databind.JsonNode> videoParticipants(Janus janus) {
        var api = JanusApi.withApiSecret(janus.url(), janus.apiSecret(), TIMEOUT);
        long session = api.createSession();
        try {
            long handle = api.attach(session, JanusApi.VIDEOROOM);
            var list = JsonNodeFactory.instance.objectNode().put("request", "list").put("admin_key", janus.adminKey());
            var out = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
            for (var room : api.request(session, handle, list).path("list")) {
                var ask = JsonNodeFactory.instance.objectNode().put("request", "listparticipants")
                        .put("room", room.path("room").asLong());
                api.request(session, handle, ask).path("participants").forEach(out::add);
            }
            return out;
        } finally {
            api.destroy(session);
        }
    }
}
