package io.skyscope.server.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyscope.map.TestMaps;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.ServerMessage.VoiceLeave;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.Status;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.MutableClock;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Voice as a space's state drives it: moves feed the engine, rooms refuse, signals are checked. */
class SpaceStateVoiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final SpaceState state;

    SpaceStateVoiceTest() {
        var tmj = TestMaps.tmj(
                "############",
                "#S.........#",
                "#..........#",
                "#..........#",
                "############");
        TestMaps.property(TestMaps.addArea(tmj, "meeting-room", "Pair", 224, 32, 128, 96), "capacity", "int", 2);
        state = new SpaceState(new ServerMessage.SpaceInfo("s", "Space", "m", 1), TestMaps.parse(tmj),
                new WorldTuning(5000, 1200, 100, 300), new VoiceSettings(64, 80, 8, 0, 12, 50, 160), clock);
        for (String id : List.of("amy", "bob", "cat")) {
            state.join(new JoinRequest(id, "session-" + id, id, null, Status.AVAILABLE, null, null));
        }
    }

    @Test
    void peopleStandingTogetherAreLinkedAndOneOfEachPairOffers() {
        List<Delivery> out = tick();
        List<VoiceJoin> joins = messages(out, VoiceJoin.class);
        assertThat(joins).hasSize(6).allMatch(j -> j.reason().equals("proximity") && j.direction().equals("sendrecv"));
        assertThat(joins).filteredOn(VoiceJoin::offerer).hasSize(3);
        assertThat(out).filteredOn(d -> d.message() instanceof VoiceJoin j && j.offerer())
                .allMatch(d -> d.userId().compareTo(((VoiceJoin) d.message()).peerId()) < 0);
    }

    @Test
    void aFullMeetingRoomRefusesTheNextPersonWithACorrection() {
        tick();
        assertThat(state.move("amy", 240, 48, 1)).isEmpty();
        assertThat(state.move("bob", 260, 80, 1)).isEmpty();
        var refused = state.move("cat", 300, 60, 7);
        assertThat(refused).hasValueSatisfying(c -> {
            assertThat(c.reason()).isEqualTo("room_full");
            assertThat(c.message()).contains("'Pair' holds 2 people");
            assertThat(c.seq()).isEqualTo(7);
            assertThat(new double[] {c.x(), c.y()}).containsExactly(48, 48);
        });
        List<Delivery> out = tick();
        assertThat(messages(out, VoiceLeave.class)).hasSize(4);
        assertThat(messages(out, VoiceJoin.class)).as("amy and bob stay linked, now as a room").isEmpty();
        assertThat(state.voice().engine().link("amy", "bob")).hasValueSatisfying(
                l -> assertThat(l.reason().wireName()).isEqualTo("room"));
    }

    @Test
    void aSignalIsRelayedOnlyWithinTheVoiceSet() {
        tick();
        var payload = JsonNodeFactory.instance.objectNode().put("candidate", "candidate:1 1 udp 1 127.0.0.1 5000 typ host");
        List<Delivery> out = new ArrayList<>();
        state.voice().signal("amy", "bob", payload, "r1", out);
        assertThat(out).containsExactly(new Delivery("bob", new ServerMessage.Signal("amy", payload)));

        state.move("cat", 300, 120, 1);
        tick();
        out.clear();
        state.voice().signal("amy", "cat", payload, "r2", out);
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.userId()).isEqualTo("amy");
            assertThat(d.message()).isInstanceOfSatisfying(ServerMessage.Error.class, e -> {
                assertThat(e.code()).isEqualTo("not_in_voice_set");
                assertThat(e.ref()).isEqualTo("r2");
            });
        });
    }

    @Test
    void eachIsToldOfALinkInTheOrderJoinStateVideoAtTheTickAndWhenWelcomedAgain() {
        state.voiceState("bob", true, false, true, false);
        List<Delivery> out = tick();
        assertThat(toAbout(out, "amy", "bob")).as("amy's camera is off: it goes to nobody").containsExactly(
                new VoiceJoin("bob", true, "proximity", "sendrecv"),
                new ServerMessage.VoiceState("bob", true, false, true, false),
                new ServerMessage.VoiceVideo("bob", false, true));
        assertThat(state.voice().videoLinkCount()).as("bob's camera goes to amy and cat").isEqualTo(2);
        assertThat(state.voice().engine().videoAudience("amy")).isZero();

        out = state.welcomeAgain();
        assertThat(toAbout(out, "amy", "bob")).containsExactly(
                new VoiceJoin("bob", true, "proximity", "sendrecv"),
                new ServerMessage.VoiceState("bob", true, false, true, false),
                new ServerMessage.VoiceVideo("bob", false, true));
        assertThat(toAbout(out, "bob", "amy")).containsExactly(
                new VoiceJoin("amy", false, "proximity", "sendrecv"),
                new ServerMessage.VoiceVideo("amy", true, false));

        state.leave("bob", "session-bob");
        assertThat(state.voice().videoLinkCount()).isZero();
    }

    /** The voice messages {@code recipient} gets about {@code peer}, in order. */
    private static List<ServerMessage> toAbout(List<Delivery> out, String recipient, String peer) {
        return out.stream().filter(d -> d.userId().equals(recipient)).map(Delivery::message)
                .filter(m -> m instanceof VoiceJoin j && j.peerId().equals(peer)
                        || m instanceof ServerMessage.VoiceState s && s.userId().equals(peer)
                        || m instanceof ServerMessage.VoiceVideo v && v.peerId().equals(peer))
                .toList();
    }

    /**
     * Turning warm links on or off makes every warm peer close and set its connections up again:
     * a client gets {@value SpaceVoice#WARM_RESETS_PER_MINUTE} a minute, the next is refused.
     */
    @Test
    void warmLinkResetsAreLimitedPerMinute() {
        for (int i = 0; i < SpaceVoice.WARM_RESETS_PER_MINUTE; i++) {
            assertThat(messages(state.warmLinks("amy", i % 2 == 0, "w" + i), ServerMessage.Ack.class))
                    .as("reset %d", i).hasSize(1);
        }
        List<Delivery> refused = state.warmLinks("amy", true, "over");
        assertThat(messages(refused, ServerMessage.Ack.class)).isEmpty();
        assertThat(messages(refused, ServerMessage.Error.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.ref()).isEqualTo("over");
                    assertThat(e.retryAfterMs()).isPositive();
                });
        assertThat(messages(state.warmLinks("bob", true, "b"), ServerMessage.Ack.class))
                .as("another client's limit is its own").hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(messages(state.warmLinks("amy", true, "later"), ServerMessage.Ack.class)).hasSize(1);
    }

    private List<Delivery> tick() {
        clock.advance(Duration.ofMillis(100));
        return state.tick();
    }

    private static <T> List<T> messages(List<Delivery> out, Class<T> type) {
        return out.stream().map(Delivery::message).filter(type::isInstance).map(type::cast).toList();
    }
}
