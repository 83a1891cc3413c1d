package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyscope.client.Connection;
import io.skyscope.protocol.ClientMessage;
import io.skyscope.protocol.ClientMessage.VoiceCommand;
import io.skyscope.protocol.CloseCodes;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.ServerMessage.VoiceJoin;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signals have a budget of their own, earned by the links the server names: a client that keeps
 * sending signals to a peer it is linked with beyond that budget is still refused, then disconnected,
 * and its peer receives no more than the budget allows.
 */
class SignalFloodEndToEndTest {
    private static final String OFFICE = VoiceClientsEndToEndTest.OFFICE;
    /** Hearing within 128 px, up to 8 links each. */
    private static final VoiceSettings VOICE = VoiceClientsEndToEndTest.VOICE;

    private static final int CANDIDATES_PER_LINK = 20;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void settingUpFiveLinksAtOnceWithManyCandidatesIsNeitherRefusedNorDisconnected() {
        // Five people stand together in a space of their own; a sixth arrives among them.
        var people = new ArrayList<AuthResponse>();
        var connections = new ArrayList<Connection>();
        for (int i = 0; i < 6; i++) {
            people.add(SERVER.register("room" + i));
        }
        var space = SERVER.api().createSpace(people.getFirst().accessToken(), "Meeting", "public").id();
        for (var person : people) {
            connections.add(SERVER.join(person, space));
        }
        Connection newcomer = connections.getLast();
        String newcomerId = people.getLast().userId();
        var received = new ConcurrentHashMap<String, AtomicInteger>();
        var refusals = new CopyOnWriteArrayList<ServerMessage.Error>();
        newcomer.onMessage(m -> {
            if (m instanceof ServerMessage.Error e) {
                refusals.add(e);
            }
        });
        for (int i = 0; i < 5; i++) {
            String peer = people.get(i).userId();
            newcomer.await(VoiceJoin.class, j -> j.peerId().equals(peer), TIMEOUT);
            received.put(peer, new AtomicInteger());
            connections.get(i).onMessage(m -> {
                if (m instanceof ServerMessage.Signal s && s.from().equals(newcomerId)) {
                    received.get(peer).incrementAndGet();
                }
            });
        }

        // An offer and 20 trickled candidates a link (a laptop with a few interfaces and a TURN
        // server gathers that many), to all five at once: 105 frames, more than the general burst.
        var offer = JsonNodeFactory.instance.objectNode().put("type", "offer").put("sdp", "v=0\r\n" + "a=x\r\n".repeat(600));
        for (int i = 0; i < 5; i++) {
            String peer = people.get(i).userId();
            newcomer.send(new VoiceCommand.Signal(peer, offer, null));
            for (int c = 0; c < CANDIDATES_PER_LINK; c++) {
                newcomer.send(new VoiceCommand.Signal(peer, candidate(c), null));
            }
        }
        await("every signal relayed").atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(refusals).isEmpty();
            assertThat(received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1 + CANDIDATES_PER_LINK));
        });
        assertThat(newcomer.isOpen()).isTrue();
        connections.reversed().forEach(Connection::close);
    }

    @Test
    void signallingBeyondTheBudgetIsRefusedThenDisconnectedAndThePeerIsSpared() throws Exception {
        AuthResponse ona = SERVER.register("ona");
        AuthResponse pim = SERVER.register("pim");
        Connection victim = SERVER.join(ona, OFFICE);
        Connection flood = SERVER.join(pim, OFFICE);
        flood.await(VoiceJoin.class, j -> j.peerId().equals(ona.userId()), TIMEOUT);
        var relayed = new AtomicInteger();
        victim.onMessage(m -> {
            if (m instanceof ServerMessage.Signal) {
                relayed.incrementAndGet();
            }
        });

        for (int i = 0; i < 2000 && flood.isOpen(); i++) {
            flood.send(new VoiceCommand.Signal(ona.userId(), candidate(i), null));
        }
        var limited = flood.await(ServerMessage.Error.class, e -> e.code().equals("rate_limited"), TIMEOUT);
        assertThat(limited.retryAfterMs()).isPositive();
        assertThat(flood.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.FLOODING);

        // One link's grant, the steady allowance and the general budget, with what refilled meanwhile.
        assertThat(relayed.get()).isLessThan(400);
        victim.send(new ClientMessage.Ping("still-here"));
        victim.await(ServerMessage.Pong.class, p -> "still-here".equals(p.ref()), TIMEOUT);
    }

    @Test
    void signalsWithoutAnyLinkHaveOnlyTheSteadyAllowanceAndTheGeneralBudget() throws Exception {
        AuthResponse quin = SERVER.register("quin");
        Connection alone = SERVER.connect(quin);
        var payload = JsonNodeFactory.instance.objectNode().put("type", "offer").put("sdp", "v=0\r\n");
        for (int i = 0; i < 1000 && alone.isOpen(); i++) {
            alone.send(new VoiceCommand.Signal("nobody", payload, null));
        }
        alone.await(ServerMessage.Error.class, e -> e.code().equals("rate_limited"), TIMEOUT);
        assertThat(alone.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(CloseCodes.FLOODING);
    }

    private static ObjectNode candidate(int port) {
        return JsonNodeFactory.instance.objectNode()
                .put("candidate", "candidate:1 1 udp 2122260223 192.0.2.2 " + (50000 + port) + " typ host")
                .put("sdpMid", "0").put("sdpMLineIndex", 0);
    }
}
