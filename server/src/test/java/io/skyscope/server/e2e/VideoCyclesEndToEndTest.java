package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.video.PatternWatch;
import io.skyscope.client.video.VideoKind;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hundred video calls after twenty to warm up (a trend is steadier over a hundred than over
 * fifty): with both cameras on, Ana walks up to Ben (the server links them and lets
 * their cameras through, each reads the other's test pattern) and away again (both close the
 * connection, its video sections and decoders). Afterwards the process has as many threads as
 * before and the memory outside the JVM's own accounting shows no trend, within the bounds the
 * voice cycles use ({@link CyclesMeter}; measured after the allocator gave back freed memory).
 */
@Tag("voice")
class VideoCyclesEndToEndTest {
    private static final int WARM_UP = 20;
    private static final int CYCLES = 100;

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @Test
    void aHundredVideoCallsLeakNothingAndCrashNothing() {
        try (var ben = VoiceClient.join(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.cameraOn();
            ben.cameraOn();
            PatternWatch anaAtBen = ben.watch(ana, VideoKind.CAMERA);
            PatternWatch benAtAna = ana.watch(ben, VideoKind.CAMERA);
            CyclesMeter.assertNothingLeaks("video", WARM_UP, CYCLES, true,
                    () -> cycle(ana, ben, places, anaAtBen, benAtAna));
        }
    }

    private static void cycle(VoiceClient ana, VoiceClient ben, Places places, PatternWatch anaAtBen,
                              PatternWatch benAtAna) {
        anaAtBen.reset();
        benAtAna.reset();
        ana.moveTo(places.left(60));
        await().atMost(TIMEOUT).until(() -> anaAtBen.fresh(5, 2_000) && benAtAna.fresh(5, 2_000));
        ana.moveTo(places.far());
        await().atMost(TIMEOUT).until(() ->
                ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
        long frames = anaAtBen.frames();
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> anaAtBen.frames() == frames);
    }
}
