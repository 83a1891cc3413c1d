package io.skyscope.client.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyscope.client.voice.LinkState.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ana talks to Ben (a steady 440 Hz tone); Cal joins Ana, without a warm link, and leaves again,
 * several times. Ben's recording speaker must show no gap in Ana's tone: no run of 10 ms frames
 * whose 440 Hz amplitude is below half the call's steady amplitude longer than {@link #TOLERANCE_MS}.
 * Nor may Ana's engine hold back a frame of her microphone meanwhile. The engine that held it back
 * until Cal's new link had sent its first packet left Ben 80 ms of silence at each join; this one
 * leaves him about 30 ms of Ana's playout mix in place of her voice, and holds nothing back.
 */
@Tag("voice")
class JoinGapLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int CYCLES = 6;
    /**
     * The audio module's recording thread delivers Ana's playout mix into her send streams from
     * the new link's activation until that link has sent a packet (about 30 ms here); it may be
     * stopped only then (see CaptureFence). The engine that stopped it sooner, by timing, hung.
     */
    private static final long TOLERANCE_MS = 40;
    private final LoopbackSignalling signalling = new LoopbackSignalling();
    private final MapPositions positions = new MapPositions();
    private final HeadlessAudio anaAudio = new HeadlessAudio();
    private final HeadlessAudio benAudio = new HeadlessAudio();
    private final HeadlessAudio calAudio = new HeadlessAudio();
    private final List<VoiceEngine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(VoiceEngine::close);
    }

    private VoiceEngine engine(String id, HeadlessAudio audio) {
        // No microphone processing: noise suppression would take a steady test tone for noise.
        var config = VoiceConfig.defaults().withChime(false).withProcessing(VoiceProcessing.Options.NONE);
        var engine = new VoiceEngine(config, audio, null, null, signalling.of(id), positions.seenBy(id));
        signalling.register(id, engine);
        engines.add(engine);
        return engine;
    }

    @Test
    void benHearsAnaWithoutAGapWhileCalJoinsAndLeavesHer() {
        positions.put("ana", 100, 100);
        positions.put("ben", 160, 100);
        positions.put("cal", 40, 100);
        VoiceEngine ana = engine("ana", anaAudio);
        engine("ben", benAudio);
        VoiceEngine cal = engine("cal", calAudio);
        anaAudio.play(SignalSource.tone(440));
        signalling.link("ana", "ben");
        await().atMost(WAIT).until(() -> ToneGapWatch.amplitude(benAudio.recorder().last(300), 440) > 300);
        awaitFrames(200);
        double steady = ToneGapWatch.amplitude(benAudio.recorder().last(1000), 440);
        var watch = new ToneGapWatch(440, steady / 2);
        benAudio.recorder().onFrame(watch);
        long heldBefore = ana.heldBackFrames();
        List<String> gaps = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            awaitFrames(50);
            watch.start();
            signalling.link("ana", "cal");
            await().atMost(WAIT).until(() -> connected(ana, "cal") && connected(cal, "ana"));
            awaitFrames(100);
            long joining = watch.stop();
            watch.start();
            signalling.unlink("ana", "cal");
            await().atMost(WAIT).until(() -> ana.snapshot().link("cal") == null && cal.snapshot().link("ana") == null);
            awaitFrames(100);
            long leaving = watch.stop();
            gaps.add(joining + "/" + leaving);
        }
        benAudio.recorder().removeListener(watch);
        long held = ana.heldBackFrames() - heldBefore;
        System.out.printf("Ben's longest gap in Ana's tone (steady %.0f), join/leave ms: %s; Ana held back %d frames"
                + " during the joins and leaves, %d before%n", steady, gaps, held, heldBefore);
        assertThat(held).as("frames of Ana's microphone not pushed while Cal joined and left").isZero();
        assertThat(gaps).allSatisfy(g -> {
            String[] parts = g.split("/");
            assertThat(Long.parseLong(parts[0])).as("gap while Cal joins").isLessThanOrEqualTo(TOLERANCE_MS);
            assertThat(Long.parseLong(parts[1])).as("gap while Cal leaves").isLessThanOrEqualTo(TOLERANCE_MS);
        });
    }

    private static boolean connected(VoiceEngine engine, String peer) {
        LinkState link = engine.snapshot().link(peer);
        return link != null && link.state() == State.CONNECTED;
    }

    /** Waits until Ben's speaker has played {@code frames} more 10 ms frames. */
    private void awaitFrames(int frames) {
        long target = benAudio.recorder().framesWritten() + frames;
        await().atMost(WAIT).until(() -> benAudio.recorder().framesWritten() >= target);
    }
}
