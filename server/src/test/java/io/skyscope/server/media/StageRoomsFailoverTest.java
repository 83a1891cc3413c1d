package io.skyscope.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.JanusApi;
import io.skyscope.protocol.media.JanusException;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.config.MediaConfig;
import io.skyscope.server.testing.Janus;
import io.skyscope.server.world.MediaStages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A media server that accepts connections but never answers (a real Janus, frozen with SIGSTOP:
 * the kernel still accepts TCP for it) hangs nothing: a request gives up after its timeout, the
 * space owners' calls only queue work, the server finds Janus down, tells the people in its rooms
 * and says so; once Janus answers again it is up again; and closing while Janus is frozen ends.
 */
class StageRoomsFailoverTest {
    /** Far longer than any request may take ({@link StageRooms#REQUEST_TIMEOUT}): reaching it means a hang. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @RegisterExtension
    static final Janus JANUS = new Janus();

    @Test
    void aJanusThatAcceptsButNeverAnswersHangsNothingAndIsFoundDownThenUpAgain() {
        var bus = new InProcessEventBus();
        List<ServerMessage> toAnn = new CopyOnWriteArrayList<>();
        bus.subscribe(EventBus.Topics.user("ann"), frame -> toAnn.add(decode(frame)));
        var config = new MediaConfig(JANUS.url(), JANUS.url(), JANUS.apiSecret(), JANUS.tokenSecret(), JANUS.adminKey(),
                MediaConfig.DEFAULT_STAGE_SIZE, 3600);
        var rooms = new StageRooms(config, bus, Clock.systemUTC()).start();
        boolean frozen = false;
        try {
            rooms.member("space-1", "Stage", "ann", true, false);
            await("ann is sent to the room").atMost(HANG).until(() -> toAnn.stream().anyMatch(ServerMessage.MediaJoin.class::isInstance));
            var join = (ServerMessage.MediaJoin) toAnn.stream().filter(ServerMessage.MediaJoin.class::isInstance).findFirst().orElseThrow();
            assertThat(rooms.availability().up()).isTrue();

            JANUS.freeze();
            frozen = true;
            // A client's request, as a client sends one, gives up too.
            assertTimeoutPreemptively(HANG, () -> {
                var client = JanusApi.withToken(JANUS.url(), join.token(), Duration.ofSeconds(2));
                try {
                    client.createSession();
                    throw new AssertionError("a frozen Janus answered");
                } catch (JanusException e) {
                    assertThat(e.noAnswer()).as("no answer: %s", e.getMessage()).isTrue();
                }
            });
            // The space owners' calls return while the media thread waits on Janus.
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                rooms.member("space-1", "Stage", "bob", true, false);
                rooms.member("space-1", "Stage", "ann", true, true);
                rooms.rejoin("space-1", "ann");
                rooms.availability();
            });
            await("Janus is found down").atMost(HANG).until(() -> !rooms.availability().up());
            MediaStages.Availability down = rooms.availability();
            assertThat(down.reason()).as("why, for /health").isNotBlank();
            assertThat(down.changes()).isEqualTo(1);
            await("ann is told").atMost(HANG).until(() -> toAnn.stream().anyMatch(m -> m instanceof ServerMessage.MediaLeave l
                    && l.room() == join.room() && MediaReasons.MEDIA_UNAVAILABLE.equals(l.reason())));

            JANUS.thaw();
            frozen = false;
            await("Janus answers again").atMost(HANG).until(() -> rooms.availability().up());
            assertThat(rooms.availability().changes()).isEqualTo(2);

            // Sent to a room again once the space asks (here: by hand), in a room made afresh.
            rooms.member("space-1", "Stage", "ann", true, false);
            await("ann is sent to a new room").atMost(HANG).until(() -> toAnn.stream().filter(ServerMessage.MediaJoin.class::isInstance)
                    .map(m -> ((ServerMessage.MediaJoin) m).room()).anyMatch(r -> r != join.room()));

            JANUS.freeze();
            frozen = true;
        } finally {
            // Closing with Janus frozen ends too (it waits for one request's timeout at most).
            assertTimeoutPreemptively(HANG, rooms::close);
            if (frozen) {
                JANUS.thaw();
            }
            bus.close();
        }
    }

    private static ServerMessage decode(String frame) {
        try {
            return ProtocolCodec.decodeServer(frame);
        } catch (io.skyscope.protocol.ProtocolException e) {
            throw new AssertionError("the server sent a frame it cannot read back: " + frame, e);
        }
    }
}
