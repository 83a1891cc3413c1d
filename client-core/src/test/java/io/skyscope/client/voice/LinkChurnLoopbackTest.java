package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Five people, each talking (a tone), whose calls start and end at random, a few every second, as
 * in a busy office. Every 20 changes each engine must still answer: its control thread runs a task,
 * and every link's statistics come back (a call that passes WebRTC's signalling, network and worker
 * threads). A stop of the audio module's recording thread that overlaps WebRTC starting a send
 * stream hangs the worker thread in {@code pthread_join} for good (see {@link CaptureFence}); the
 * engine that stopped it by timing hung so within a few hundred changes here.
 */
@Tag("voice")
class LinkChurnLoopbackTest {
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final int PEOPLE = 5;
    private static final int CHANGES = 300;
    private final LoopbackSignalling signalling = new LoopbackSignalling();
    private final MapPositions positions = new MapPositions();
    private final List<VoiceEngine> engines = new ArrayList<>();
    private final List<HeadlessAudio> audio = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(VoiceEngine::close);
    }

    @Test
    void callsStartingAndEndingAtRandomNeverHangAnEngine() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String id = "p" + i;
            ids.add(id);
            positions.put(id, 100 + 10 * i, 100);
            var sound = new HeadlessAudio();
            var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
            var engine = new VoiceEngine(config, sound, null, null, signalling.of(id), positions.seenBy(id));
            signalling.register(id, engine);
            engines.add(engine);
            audio.add(sound);
            sound.play(SignalSource.tone(300 + 100 * i));
        }
        Random random = new Random(7);
        boolean[][] linked = new boolean[PEOPLE][PEOPLE];
        for (int change = 1; change <= CHANGES; change++) {
            int a = random.nextInt(PEOPLE);
            int b = (a + 1 + random.nextInt(PEOPLE - 1)) % PEOPLE;
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            if (linked[lo][hi]) {
                signalling.unlink(ids.get(lo), ids.get(hi));
            } else {
                signalling.link(ids.get(lo), ids.get(hi));
            }
            linked[lo][hi] = !linked[lo][hi];
            awaitFrames(random.nextInt(10)); // 0-90 ms between changes, paced by p0's speaker
            if (change % 20 == 0) {
                for (int i = 0; i < PEOPLE; i++) {
                    VoiceEngine engine = engines.get(i);
                    assertThat(engine.onControlAndWait(() -> true)).as("p%d's control thread answers", i).isTrue();
                    for (int j = 0; j < PEOPLE; j++) {
                        if (j != i) {
                            engine.audioRtpCounts(ids.get(j)).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
                        }
                    }
                }
            }
        }
        // And the calls still carry voice: everyone linked to p0 hears p0's tone.
        for (int j = 1; j < PEOPLE; j++) {
            if (!linked[0][j]) {
                signalling.link("p0", ids.get(j));
            }
        }
        for (int j = 1; j < PEOPLE; j++) {
            HeadlessAudio listener = audio.get(j);
            await("p" + j + " hears p0").atMost(ANSWER)
                    .until(() -> ToneGapWatch.amplitude(listener.recorder().last(300), 300) > 300);
        }
    }

    /** Waits until p0's speaker has played {@code frames} more 10 ms frames. */
    private void awaitFrames(int frames) {
        long target = audio.get(0).recorder().framesWritten() + frames;
        await().atMost(ANSWER).until(() -> audio.get(0).recorder().framesWritten() >= target);
    }
}
