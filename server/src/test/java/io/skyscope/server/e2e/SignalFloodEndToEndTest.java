package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.List;
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

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

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

        var candidate = JsonNodeFactory.instance.objectNode()
                .put("candidate", "candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host")
                .put("sdpMid", "0").put("sdpMLineIndex", 0);
        for (int i = 0; i < 2000 && flood.isOpen(); i++) {
            flood.send(new VoiceCommand.Signal(ona.userId(), candidate, null));
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
}
