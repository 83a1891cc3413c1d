package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ProtocolCodec;
import io.skyscope.protocol.ProtocolException;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.media.MediaReasons;
import io.skyscope.server.bus.EventBus;
import io.skyscope.server.bus.InProcessEventBus;
import io.skyscope.server.media.StageRooms;
import io.skyscope.server.testing.Janus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The megaphone's rules against a real Janus (through {@link StageRooms} and an in-process bus,
 * no clients): everyone present and every arrival is sent to its room; another owner or admin
 * takes it over; someone else cannot turn it off; the holder leaving stops it for everyone; after
 * a media outage everyone is sent to a new room.
 */
class SpaceMegaphoneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Janus JANUS = new Janus();

    private final InProcessEventBus bus = new InProcessEventBus();
    private final Map<String, List<ServerMessage>> sent = new ConcurrentHashMap<>();
    private final StageRooms rooms = new StageRooms(JANUS.mediaConfig(), bus, Clock.systemUTC()).start();
    private final SpaceMegaphone megaphone = new SpaceMegaphone("space-1", rooms);

    @AfterEach
    void close() {
        rooms.close();
        bus.close();
    }

    @Test
    void everyonePresentIsInItsRoomUntilTheHolderLeavesAndAfterAnOutageTheyAreSentBack() throws Exception {
        List<Delivery> out = new ArrayList<>();
        for (String userId : List.of("ann", "bob", "cy")) {
            arrive(userId, out);
        }
        assertThat(out).as("nothing while it is off").isEmpty();

        megaphone.on("ann", "r1", out);
        assertThat(messages(out, "bob")).containsExactly(new ServerMessage.Megaphone("ann", true));
        assertThat(messages(out, "ann")).contains(new ServerMessage.Ack("r1", "megaphone"));
        long room = awaitJoin("ann", true).room();
        assertThat(awaitJoin("bob", false).room()).isEqualTo(room);
        assertThat(awaitJoin("cy", false).room()).isEqualTo(room);

        out.clear();
        arrive("dee", out);
        assertThat(messages(out, "dee")).as("an arrival is told").containsExactly(new ServerMessage.Megaphone("ann", true));
        assertThat(awaitJoin("dee", false).room()).as("and put in the room").isEqualTo(room);

        out.clear();
        megaphone.off("cy", false, "r2", out);
        assertThat(messages(out, "cy")).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN.wire()));

        out.clear();
        megaphone.on("bob", "r3", out);
        assertThat(messages(out, "dee")).as("taken over").containsExactly(new ServerMessage.Megaphone("bob", true));

        // The media server dies and comes back: everyone is sent to a new room.
        JANUS.kill();
        await("told of the outage").atMost(WAIT).until(() -> of("cy").stream().anyMatch(m -> m instanceof ServerMessage.MediaLeave l
                && MediaReasons.MEDIA_UNAVAILABLE.equals(l.reason())));
        JANUS.start();
        await("Janus answers again").atMost(WAIT).until(() -> rooms.availability().up());
        sent.clear();
        megaphone.mediaBack();
        long again = awaitJoin("bob", true).room();
        assertThat(again).isNotEqualTo(room);
        assertThat(awaitJoin("ann", false).room()).isEqualTo(again);

        // The holder leaves: it stops for everyone.
        out.clear();
        megaphone.left("bob");
        megaphone.tick(out);
        assertThat(messages(out, "ann")).containsExactly(new ServerMessage.Megaphone("bob", false));
        for (String userId : List.of("ann", "cy", "dee")) {
            await(userId + " leaves the room").atMost(WAIT).until(() -> of(userId).stream()
                    .anyMatch(m -> m instanceof ServerMessage.MediaLeave l && l.room() == again));
        }
    }

    private void arrive(String userId, List<Delivery> out) {
        sent.put(userId, new CopyOnWriteArrayList<>());
        bus.subscribe(EventBus.Topics.user(userId), frame -> of(userId).add(decode(frame)));
        megaphone.arrived(userId, out);
    }

    private List<ServerMessage> of(String userId) {
        return sent.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>());
    }

    private ServerMessage.MediaJoin awaitJoin(String userId, boolean speaker) {
        await(userId + " is sent to the room").atMost(WAIT).until(() -> of(userId).stream()
                .anyMatch(ServerMessage.MediaJoin.class::isInstance));
        var join = (ServerMessage.MediaJoin) of(userId).stream().filter(ServerMessage.MediaJoin.class::isInstance)
                .reduce((first, last) -> last).orElseThrow();
        assertThat(join.stage()).as("the megaphone's room has no stage").isNull();
        assertThat(join.speaker()).as(userId + " heard").isEqualTo(speaker);
        return join;
    }

    private static List<ServerMessage> messages(List<Delivery> out, String userId) {
        return out.stream().filter(d -> d.userId().equals(userId)).map(SpaceMegaphoneTest::message).toList();
    }

    private static ServerMessage message(Delivery d) {
        return d.message() != null ? d.message() : decode(d.frame());
    }

    private static ServerMessage decode(String frame) {
        try {
            return ProtocolCodec.decodeServer(frame);
        } catch (ProtocolException e) {
            throw new AssertionError("unreadable frame " + frame, e);
        }
    }
}
