package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.AudioRtpCounts;
import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.client.voice.VoiceEngine;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Warm links with real WebRTC: two headless clients near each other but out of hearing range have
 * a connection set up and send no audio over it either way (WebRTC's own RTP counts, while both
 * play a tone into the microphone); stepping into range turns audio on over that same connection;
 * stepping back out ends the call and leaves a fresh warm connection that again carries no audio;
 * walking away closes it.
 */
@Tag("voice")
class WarmLinksEndToEndTest {
    /** How long the privacy checks watch the counts. */
    private static final Duration WATCH = Duration.ofSeconds(3);

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VoiceClientsEndToEndTest.VOICE)));

    @Test
    void aWarmLinkCarriesNoAudioEitherWayUntilTheCallAndNoneAgainAfterIt() throws Exception {
        try (var ben = VoiceClient.join(SERVER, "ben", VoiceClientsEndToEndTest.OFFICE);
             var ana = VoiceClient.join(SERVER, "ana", VoiceClientsEndToEndTest.OFFICE)) {
            var places = Places.around(SERVER, ben);
            ben.moveTo(places.centre());
            // 250 px: beyond hearing (leave radius 160 px), within the warm radius (2.5 x 128 px).
            ana.moveTo(places.towardsFar(250));
            ana.audio.play(SignalSource.tone(440));
            ben.audio.play(SignalSource.tone(660));

            // Warm: a connection, up on both sides, and no call.
            await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> connected(ana, ben) && connected(ben, ana));
            VoiceEngine.Connection warmAtAna = ana.engine().connection(ben.id());
            VoiceEngine.Connection warmAtBen = ben.engine().connection(ana.id());
            assertThat(List.of(warmAtAna.live(), warmAtBen.live())).containsOnly(false);
            assertThat(ana.engine().snapshot().links()).isEmpty();
            assertThat(ben.engine().snapshot().links()).isEmpty();

            // Not one audio packet either way while both microphones carry a tone.
            var zero = new AudioRtpCounts(0, 0, 0, 0);
            await("no audio RTP on a warm link").during(WATCH).atMost(WATCH.plus(TIMEOUT))
                    .until(() -> counts(ana, ben).equals(List.of(zero, zero)));
            assertThat(ben.hears(440, 500)).isLessThan(20);
            assertThat(ana.hears(660, 500)).isLessThan(20);

            // Ana steps into range: the call starts over the same connection, both ways.
            ana.moveTo(places.left(100));
            await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> ben.hears(440, 200) > 300);
            await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> ana.hears(660, 200) > 300);
            assertThat(ben.link(ana).state()).isEqualTo(LinkState.State.CONNECTED);
            assertThat(ana.engine().connection(ben.id()).openedNanos()).isEqualTo(warmAtAna.openedNanos());
            assertThat(ben.engine().connection(ana.id()).openedNanos()).isEqualTo(warmAtBen.openedNanos());
            // The same counts that stayed at zero see the call's packets.
            var live = counts(ana, ben);
            assertThat(live).allSatisfy(c -> {
                assertThat(c.packetsSent()).isPositive();
                assertThat(c.bytesSent()).isPositive();
                assertThat(c.packetsReceived()).isPositive();
            });

            // Back out of range: the call ends and a fresh warm connection, again without audio, replaces it.
            ana.moveTo(places.towardsFar(250));
            await().atMost(TIMEOUT).until(() -> ben.engine().snapshot().links().isEmpty()
                    && ana.engine().snapshot().links().isEmpty());
            await().atMost(VoiceClientsEndToEndTest.HEAR_WITHIN).until(() -> connected(ana, ben) && connected(ben, ana)
                    && ana.engine().connection(ben.id()).openedNanos() != warmAtAna.openedNanos()
                    && ben.engine().connection(ana.id()).openedNanos() != warmAtBen.openedNanos());
            assertThat(ana.engine().connection(ben.id()).live()).isFalse();
            assertThat(ben.engine().connection(ana.id()).live()).isFalse();
            await("no audio RTP once warm again").during(WATCH).atMost(WATCH.plus(TIMEOUT))
                    .until(() -> counts(ana, ben).equals(List.of(zero, zero)));
            await().atMost(TIMEOUT).until(() -> ben.hears(440, 300) < 20);

            // Walking away (400 px) cools the pair: the connection closes on both sides.
            ana.moveTo(places.far());
            await().atMost(TIMEOUT).until(() -> ana.engine().connection(ben.id()) == null
                    && ben.engine().connection(ana.id()) == null);
        }
    }

    private static boolean connected(VoiceClient from, VoiceClient to) {
        var c = from.engine().connection(to.id());
        return c != null && c.state() == LinkState.State.CONNECTED;
    }

    /** The audio RTP counts of Ana's link to Ben, then Ben's to Ana. */
    private static List<AudioRtpCounts> counts(VoiceClient ana, VoiceClient ben) throws Exception {
        return List.of(ana.engine().audioRtpCounts(ben.id()).get(10, TimeUnit.SECONDS),
                ben.engine().audioRtpCounts(ana.id()).get(10, TimeUnit.SECONDS));
    }
}
