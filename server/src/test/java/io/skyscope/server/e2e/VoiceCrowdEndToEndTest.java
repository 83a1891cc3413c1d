package io.skyscope.server.e2e;

import static io.skyscope.server.e2e.ServerExtension.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.LinkState;
import io.skyscope.client.voice.SignalSource;
import io.skyscope.protocol.ErrorCode;
import io.skyscope.protocol.ServerMessage;
import io.skyscope.server.config.ServerConfig.VoiceConfig;
import io.skyscope.server.config.ServerConfig.WorldTuning;
import io.skyscope.server.world.proximity.VoiceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Six headless voice clients that meet at once: each sets up five direct links together (offers,
 * answers and trickled ICE candidates for every peer), which is legitimate bursty signalling. Nobody
 * may be refused or disconnected for it, and everybody ends up hearing everybody.
 */
@Tag("voice")
class VoiceCrowdEndToEndTest {
    private static final String OFFICE = VoiceClientsEndToEndTest.OFFICE;
    /** Hearing within 128 px, up to 8 links each. */
    private static final VoiceSettings VOICE = VoiceClientsEndToEndTest.VOICE;
    private static final Duration HEAR_WITHIN = Duration.ofSeconds(40);
    private static final double[] TONES = {330, 440, 554, 659, 784, 988};

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(c -> c
            .withWorld(new WorldTuning(5000, 1200, 100, 300))
            .withVoice(new VoiceConfig(List.of(), null, 3600, VOICE)));

    @Test
    void sixPeopleMeetingAtOnceAreNeitherRefusedNorDisconnectedAndAllHearEachOther() {
        var clients = new ArrayList<VoiceClient>();
        var refusals = new CopyOnWriteArrayList<ServerMessage.Error>();
        try {
            // All six stand at the spawn: the server links everyone with everyone as they arrive,
            // before any has a voice engine. Then all start their voice at once, as a room coming
            // back from the media server's mix does: every client sets up five links together.
            for (int i = 0; i < TONES.length; i++) {
                var client = VoiceClient.joinWithoutVoice(SERVER, "crowd" + i, OFFICE);
                clients.add(client);
                client.session.onMessage(m -> {
                    if (m instanceof ServerMessage.Error e && (ErrorCode.RATE_LIMITED.wire().equals(e.code())
                            || ErrorCode.FLOODING.wire().equals(e.code()))) {
                        refusals.add(e);
                    }
                });
                client.audio.play(SignalSource.tone(TONES[i]));
            }
            for (var client : clients) {
                client.session.await(ServerMessage.VoiceJoin.class, TIMEOUT);
            }
            clients.forEach(VoiceClient::startVoice);

            long started = System.nanoTime();
            await("every pair connected").atMost(HEAR_WITHIN).untilAsserted(() -> {
                assertThat(refusals).isEmpty();
                for (var me : clients) {
                    for (var other : clients) {
                        if (me != other) {
                            var link = me.link(other);
                            assertThat(link).as("%s's link to %s", me.user.username(), other.user.username()).isNotNull();
                            assertThat(link.state()).isEqualTo(LinkState.State.CONNECTED);
                        }
                    }
                }
            });
            System.out.printf("six people starting voice together: full mesh connected in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            for (int i = 0; i < clients.size(); i++) {
                var me = clients.get(i);
                for (int j = 0; j < clients.size(); j++) {
                    if (i != j) {
                        double tone = TONES[j];
                        await(me.user.username() + " hears " + tone + " Hz").atMost(HEAR_WITHIN)
                                .pollInterval(Duration.ofMillis(200)).until(() -> me.hears(tone, 300) > 100);
                    }
                }
            }
            assertThat(refusals).isEmpty();
            assertThat(clients).allSatisfy(c -> assertThat(c.session.reconnects()).as(c.user.username()).isZero());
        } finally {
            clients.reversed().forEach(VoiceClient::close);
        }
    }
}
