package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.Session;
import io.skyscope.client.voice.HeadlessAudio;
import io.skyscope.client.voice.SessionVoice;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.protocol.rest.AuthResponse;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.Pcm;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.space.SpaceService;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two headless voice clients over real sockets with the real server: WebRTC between them, the
 * server deciding who hears whom. Ana plays a 440 Hz tone; what Ben hears is measured on the
 * stereo output of the spatial mixer the desktop client plays through.
 */
@Tag("voice")
class VoiceClientsEndToEndTest {
    static final String OFFICE = SpaceService.DEFAULT_SPACE_ID;
    /** Hearing starts within 128 px and stops beyond 160 px; changes hold 200 ms first. */
    static final VoiceSettings VOICE = new VoiceSettings(128, 160, 8, 200, 12, 50, 160);
    /** Generous: a fresh JVM, the server's debounce, ICE, DTLS and buffering (the printed figure is the measure). */
    static final Duration HEAR_WITHIN = Duration.ofSeconds(15);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void walkingUpToBenHeHearsAnaOnTheRightSideLouderCloserSilentWhenMutedAndTheLinkEndsWhenSheLeaves() {
        try (var ben = VoiceClient.join(SERVER, "ben", OFFICE); var ana = VoiceClient.join(SERVER, "ana", OFFICE)) {
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            ana.moveTo(places.far());
            ana.audio.play(SignalSource.tone(440));

            // Far apart: no link, and nothing to hear.
            await().during(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() ->
                    ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
            assertThat(Pcm.rms(ben.audio.recorder().lastMono(1000))).isLessThan(5);

            // Ana walks to 100 px on Ben's left: he hears her tone within the bound.
            ana.moveTo(places.left(100));
            long moved = System.nanoTime();
            await().atMost(HEAR_WITHIN).until(() -> ben.hears(440, 200) > 300);
            System.out.printf("move to audible tone: %d ms%n", (System.nanoTime() - moved) / 1_000_000);
            assertThat(ben.heardFrequency())
                    .isBetween(440 * 0.985, 440 * 1.015);
            assertThat(ben.link(ana).state()).isEqualTo(LinkState.State.CONNECTED);
            assertThat(ana.engine().snapshot().canHearMe()).containsExactly(ben.id());

            // A busy machine can only lower a reading (frames the jitter buffer filled with silence):
            // the far reading is the loudest of a few, and each near one waits for a good reading.
            sleepForTheMix();
            double[] farLeft = ben.loudestTone(440);
            assertThat(farLeft[0]).as("left ear, Ana 100 px to the left").isGreaterThan(2 * farLeft[1]);

            ana.moveTo(places.left(40));
            var nearLeft = new AtomicReference<double[]>();
            await("40 px is louder than 100 px").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                nearLeft.set(ben.tone(440, 300));
                return nearLeft.get()[0] + nearLeft.get()[1] > 1.5 * (farLeft[0] + farLeft[1]);
            });

            ana.moveTo(places.right(40));
            var nearRight = new AtomicReference<double[]>();
            // Constant-power pan at 40 of 128 px: right 0.86, left 0.51.
            await("right ear, Ana 40 px to the right").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                nearRight.set(ben.tone(440, 300));
                return nearRight.get()[1] > 1.4 * nearRight.get()[0];
            });
            System.out.printf("tone amplitude L/R: 100 px left %.0f/%.0f, 40 px left %.0f/%.0f, 40 px right %.0f/%.0f%n",
                    farLeft[0], farLeft[1], nearLeft.get()[0], nearLeft.get()[1], nearRight.get()[0], nearRight.get()[1]);

            ana.engine().setMuted(true);
            await().atMost(TIMEOUT).until(() -> ben.hears(440, 300) < 20);
            await().atMost(TIMEOUT).until(() -> ben.link(ana).muted());
            ana.engine().setMuted(false);
            await().atMost(TIMEOUT).until(() -> ben.hears(440, 200) > 300);

            // Ana walks away: the server ends the link on both sides and Ben hears nothing.
            ana.moveTo(places.far());
            await().atMost(TIMEOUT).until(() ->
                    ben.engine().snapshot().links().isEmpty() && ana.engine().snapshot().links().isEmpty());
            await().atMost(TIMEOUT).until(() -> Pcm.rms(ben.audio.recorder().lastMono(500)) < 5);
        }
    }

    @Test
    void voiceStartedAfterTheServerLinkedUsCatchesUp() {
        // Both stand at the spawn: the server links them within its debounce of the second join,
        // before either has a voice engine (which is what the CLI and a slow start look like).
        var cal = SERVER.register("cal");
        var dee = SERVER.register("dee");
        try (var calSession = open(cal); var deeSession = open(dee)) {
            calSession.await(ServerMessage.VoiceJoin.class, TIMEOUT);
            deeSession.await(ServerMessage.VoiceJoin.class, TIMEOUT);
            var config = io.skyscope.client.voice.VoiceConfig.defaults().withChime(false)
                    .withProcessing(io.skyscope.client.voice.VoiceProcessing.Options.NONE);
            var calAudio = new HeadlessAudio();
            var deeAudio = new HeadlessAudio();
            calAudio.play(SignalSource.tone(523));
            try (var calVoice = SessionVoice.attach(calSession, config, calAudio, null, null);
                 var deeVoice = SessionVoice.attach(deeSession, config, deeAudio, null, null)) {
                await().atMost(HEAR_WITHIN).until(() -> deeAudio.recorder().toneAmplitude(523, 200)[0] > 300);
                // Each side's link state follows WebRTC's own callbacks, which may come after the sound.
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThat(calVoice.engine().snapshot().canHearMe()).containsExactly(dee.userId());
                    assertThat(deeVoice.engine().snapshot().link(cal.userId()).state())
                            .isEqualTo(LinkState.State.CONNECTED);
                });
            }
        }
    }

    private static Session open(AuthResponse user) {
        return Session.open(SERVER.api(), new Session.Credentials(user.username(), "violet harbor lantern " + user.username(),
                null), OFFICE);
    }

    private static void sleepForTheMix() {
        // Positions reach Ben with the next presence tick (100 ms); then 500 ms of output to measure.
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
