package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.SignalSource;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty times Ana walks up to Ben (the server links them, he hears her tone) and away again (the
 * server unlinks them, both close the connection). Afterwards the process (server and both
 * clients) has as many threads as before, and the memory held outside the JVM's own accounting
 * (WebRTC's) shows no trend.
 */
@Tag("voice")
class VoiceCyclesEndToEndTest {
    private static final int WARM_UP = 20;
    private static final int CYCLES = 50;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @Test
    void fiftyWalksInAndOutLeakNothingAndCrashNothing() {
        try (var ben = VoiceClient.join(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.audio.play(SignalSource.tone(440));
            CyclesMeter.assertNothingLeaks("voice", WARM_UP, CYCLES, () -> cycle(ana, ben, places));
        }
    }

    private static void cycle(VoiceClient ana, VoiceClient ben, Places places) {
        ana.moveTo(places.left(60));
        await().atMost(TIMEOUT).until(() -> ben.hears(440, 100) > 300);
        ana.moveTo(places.far());
        await().atMost(TIMEOUT).until(() ->
                ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
        // The tone's last moments must be gone from Ben's output, or the next cycle would take them
        // for a new call and move on before the server links the two again.
        await().atMost(TIMEOUT).until(() -> ben.hears(440, 100) < 20);
    }
}
