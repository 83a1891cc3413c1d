package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.testing.Coturn;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same call through a real coturn relay with relay-only ICE: both clients take the TURN
 * credentials from their welcome, gather relay candidates only, and the sound goes through coturn.
 */
@Tag("voice")
class VoiceRelayEndToEndTest {
    private static final String SECRET = "turn-shared-secret-for-voice-tests";

    @RegisterExtension
    @Order(1)
    static final Coturn COTURN = new Coturn(SECRET);

    @RegisterExtension
    @Order(2)
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of("turn:127.0.0.1:" + COTURN.port() + "?transport=udp"), SECRET, 600,
                    VoiceClientsEndToEndTest.VOICE)));

    @Test
    void overARelayOnlyLinkBenHearsAnaAndNotWhenSheLeaves() {
        try (var ben = VoiceClient.joinRelayOnly(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.joinRelayOnly(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var candidates = new CopyOnWriteArrayList<String>();
            ben.session.onMessage(m -> {
                if (m instanceof ServerMessage.Signal s && s.payload().hasNonNull("candidate")) {
                    candidates.add(s.payload().get("candidate").asText());
                }
            });
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.audio.play(SignalSource.tone(440));

            ana.moveTo(places.left(60));
            long moved = System.nanoTime();
            await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> ben.hears(440, 200) > 300);
            System.out.printf("relay-only: move to audible tone %d ms%n", (System.nanoTime() - moved) / 1_000_000);
            assertThat(ben.heardFrequency())
                    .isBetween(440 * 0.985, 440 * 1.015);
            // Relay-only ICE gathers relay candidates only, so the connection that carried the tone
            // runs through coturn.
            assertThat(candidates).as("Ana's candidates").isNotEmpty().allMatch(c -> c.contains(" typ relay"));

            ana.engine().setMuted(true);
            await().atMost(TIMEOUT).until(() -> ben.hears(440, 300) < 20);
            ana.engine().setMuted(false);

            ana.moveTo(places.far());
            await().atMost(TIMEOUT).until(() ->
                    ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
            await().atMost(TIMEOUT).until(() -> Pcm.rms(ben.audio.recorder().lastMono(500)) < 5);
        }
    }
}
